package io.stampede.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.HostPort;
import io.stampede.platform.config.StampedeConfig;
import io.stampede.testing.Poll;
import io.stampede.testing.TestInfra;

/**
 * A member in its own JVM, started from {@code dist/stampede.jar} as an operator would, so a test
 * can kill it with SIGKILL (no shutdown hook, no graceful drain). It joins {@code seed}'s cluster.
 * Its temporary directory is its own, under {@code target}: what a killed member leaves there
 * (Vert.x's file cache, which only a shutdown hook removes) goes with the build, not into /tmp.
 */
final class ChildMember implements AutoCloseable {

  private static final Path JAR = Path.of("..", "dist", "stampede.jar");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path log;

  private ChildMember(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildMember join(Node seed, String services, Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(overrides);
    all.put(ConfigKeys.SERVICES.name(), services);
    all.put(ConfigKeys.CLUSTER_MEMBERS.name(),
        new HostPort("127.0.0.1", seed.config().get(ConfigKeys.CLUSTER_PORT)).toString());
    all.put(ConfigKeys.HTTP_PORT.name(), "0");
    all.put(ConfigKeys.HTTP_TLS_ENABLED.name(), "false");
    StampedeConfig config = TestInfra.get().memberConfig(all);
    try {
      Path log = Files.createTempFile(Path.of("target"), "child-member-", ".log");
      Path tmp = Files.createTempDirectory(Path.of("target"), "child-member-tmp-");
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx512m", "-Djava.io.tmpdir=" + tmp.toAbsolutePath(), "-jar", JAR.toString()));
      config.rawValues().forEach((key, value) -> command.add("--" + key + "=" + value));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      ChildMember child = new ChildMember(process, log);
      Poll.until("the child member is ready (log: " + log + ")", START_TIMEOUT, () -> {
        if (!process.isAlive()) {
          throw new AssertionError("the child member exited: " + child.output());
        }
        return child.output().contains("Stampede ready in");
      });
      return child;
    } catch (IOException e) {
      throw new IllegalStateException("could not start a child member", e);
    }
  }

  /** SIGKILL: the process ends mid-whatever, as on a power cut. */
  void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /** SIGTERM: the member leaves as an orchestrator asks it to (drain, hand over, exit). */
  void terminate() {
    process.destroy();
    waitForExit();
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the child member did not exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
