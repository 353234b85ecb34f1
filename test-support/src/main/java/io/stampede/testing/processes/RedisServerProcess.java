package io.stampede.testing.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.stampede.testing.FreePorts;
import io.stampede.testing.Poll;

/**
 * A {@code redis-server} of a test's own on a free loopback port, without persistence — so a
 * restart comes back empty, as a cache node that lost its memory does. Optionally a Redis Cluster
 * node ({@link RedisClusterProcesses}).
 */
public final class RedisServerProcess implements AutoCloseable {

  private final int port;
  private final Path dir;
  private final boolean clusterNode;
  private Process process;

  private RedisServerProcess(int port, Path dir, boolean clusterNode) {
    this.port = port;
    this.dir = dir;
    this.clusterNode = clusterNode;
  }

  public static RedisServerProcess start() {
    return start(false);
  }

  static RedisServerProcess start(boolean clusterNode) {
    try {
      RedisServerProcess server = new RedisServerProcess(FreePorts.next(), Files.createTempDirectory("stampede-redis-"),
          clusterNode);
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** SIGKILL: everything in memory is gone. */
  public void kill() {
    if (process != null) {
      ChildProcess.kill(process);
      process = null;
    }
  }

  /** Kills the server and starts an empty one on the same port. */
  public void restartEmpty() {
    kill();
    ChildProcess.deleteRecursively(dir.resolve("nodes.conf"));
    launch();
  }

  public boolean answers() {
    try {
      return "PONG".equals(cli("PING").trim());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** One {@code redis-cli} command against this server. */
  public String cli(String... args) {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
    command.addAll(List.of(args));
    return ChildProcess.run(command);
  }

  private void launch() {
    List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no"));
    if (clusterNode) {
      command.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
          "--cluster-node-timeout", "1000",
          // A replica may take over however long ago it last heard from its master: the test kills
          // masters on purpose, and the epoch check, not the replica's freshness, keeps counts right.
          "--cluster-replica-validity-factor", "0"));
    }
    process = ChildProcess.start(command, dir.resolve("redis.log"));
    Poll.until("redis-server on port " + port + " answers", Duration.ofSeconds(20), this::answers);
  }

  @Override
  public void close() {
    kill();
    ChildProcess.deleteRecursively(dir);
  }
}
