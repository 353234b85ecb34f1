package io.stampede.testing.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.stampede.testing.FreePorts;
import io.stampede.testing.Poll;

/**
 * A PostgreSQL server of a test's own (initdb into a temporary directory, trust auth, a free
 * loopback port), so a test can stop it mid-burst and start it again without touching the
 * machine's shared server. As root it runs as the {@code postgres} system user, as Postgres insists.
 */
public final class PostgresProcess implements AutoCloseable {

  private final Path bin;
  private final Path dir;
  private final int port;

  private PostgresProcess(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  public static PostgresProcess start() {
    try {
      Path bin = binDir();
      Path dir = Files.createTempDirectory("stampede-pg-");
      if (ChildProcess.isRoot()) {
        ChildProcess.run(List.of("chown", "postgres:postgres", dir.toString()));
      }
      PostgresProcess pg = new PostgresProcess(bin, dir, FreePorts.next());
      pg.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
          "-A", "trust", "--no-sync"));
      pg.startServer();
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** Starts the stopped server again (its data kept). */
  public void startServer() {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("pg.log").toString(),
        "-w", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    Poll.until("postgres on port " + port + " accepts connections", Duration.ofSeconds(30), this::accepts);
  }

  /** Stops the server at once (open connections are cut, as when a database host goes away). */
  public void stopServer() {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
  }

  private boolean accepts() {
    try {
      run(List.of(bin.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p", String.valueOf(port)));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void run(List<String> command) {
    List<String> full = new ArrayList<>();
    if (ChildProcess.isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    ChildProcess.run(full);
  }

  private static Path binDir() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
          .max(Comparator.comparing(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
          .map(v -> v.resolve("bin"))
          .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql"));
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL server binaries are needed (Debian package postgresql)", e);
    }
  }

  @Override
  public void close() {
    try {
      stopServer();
    } catch (RuntimeException e) {
      // already stopped
    }
    ChildProcess.deleteRecursively(dir);
  }
}
