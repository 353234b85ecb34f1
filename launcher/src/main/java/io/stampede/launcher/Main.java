package io.stampede.launcher;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.stampede.platform.config.ConfigException;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.ConfigLoader;
import io.stampede.platform.config.StampedeConfig;
import io.stampede.platform.infra.InfrastructureException;
import sun.misc.Signal;

/**
 * {@code java -jar stampede.jar [--key=value ...]}: starts one member with the selected services,
 * prints where it listens, and drains on SIGTERM/SIGINT, exiting 0. A start that cannot succeed
 * prints one line saying why (the stack only with {@code --verbose}) and exits non-zero.
 */
public final class Main {

  private static final int EXIT_CONFIG = 2;
  private static final int EXIT_START = 1;
  private static final long START_TIMEOUT_SECONDS = 120;

  private Main() {
  }

  public static void main(String[] args) {
    List<String> flags = List.of(args);
    boolean verbose = flags.contains("--verbose");
    if (flags.contains("--help")) {
      System.out.println(Usage.text());
      return;
    }
    StampedeConfig config;
    try {
      config = ConfigLoader.load(flags, System.getenv());
    } catch (ConfigException e) {
      fail(EXIT_CONFIG, e.getMessage(), verbose ? e : null);
      return;
    }
    Logging.configure(config, verbose);

    // Installed before the start, so a TERM during a slow start still ends in a drain.
    CompletableFuture<Void> stopRequested = new CompletableFuture<>();
    Signal.handle(new Signal("TERM"), signal -> stopRequested.complete(null));
    Signal.handle(new Signal("INT"), signal -> stopRequested.complete(null));

    long startedAt = System.nanoTime();
    Node node;
    try {
      node = Node.start(config).toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      fail(EXIT_START, "cannot start: " + explain(e), verbose ? e : null);
      return;
    }
    System.out.println(StartupReport.of(node, (System.nanoTime() - startedAt) / 1_000_000));

    stopRequested.join();
    System.out.println("stampede: draining (up to " + config.get(ConfigKeys.HTTP_DRAIN_SECONDS) + " s) ...");
    try {
      node.stop().toCompletionStage().toCompletableFuture().get();
      System.out.println("stampede: stopped");
    } catch (Exception e) {
      System.err.println("stampede: stopped with an error: " + explain(e));
    }
    System.exit(0);
  }

  /** The one line a person needs: the infrastructure message when there is one, else the root cause. */
  static String explain(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InfrastructureException || t instanceof ConfigException) {
        return t.getMessage();
      }
    }
    return Node.rootMessage(e);
  }

  private static void fail(int exitCode, String message, Throwable verboseCause) {
    System.err.println("stampede: " + message);
    if (verboseCause != null) {
      verboseCause.printStackTrace();
    }
    // A failed cluster join leaves non-daemon threads behind: leave explicitly.
    System.exit(exitCode);
  }
}
