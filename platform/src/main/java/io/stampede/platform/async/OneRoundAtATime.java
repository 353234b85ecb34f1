package io.stampede.platform.async;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.vertx.core.Future;

/**
 * Periodic background work (a scheduler's or a reconciler's tick) done in rounds, one at a time: a
 * round asked for while another runs is skipped, as the next tick will ask again. A round that has
 * not ended by its deadline is given up on: its calls may still finish, but it no longer holds the
 * next round back, so one call that never answers (a store's client that lost a request in a
 * failover) cannot stop the work for good.
 */
public final class OneRoundAtATime {

  private final String what;
  private final long deadlineMs;
  private final Consumer<Throwable> failed;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile Future<?> current = Future.succeededFuture();

  /**
   * @param what names the work in the failure given to {@code failed} when a round overruns
   * @param deadline how long a round may take before the next may start
   * @param failed told of each round that failed or overran (a rate-limited warning, usually)
   */
  public OneRoundAtATime(String what, Duration deadline, Consumer<Throwable> failed) {
    this.what = what;
    this.deadlineMs = deadline.toMillis();
    this.failed = failed;
  }

  /** Starts {@code round} unless one is still running; a round that throws counts as failed. */
  public void run(Supplier<? extends Future<?>> round) {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    Future<?> started;
    try {
      started = round.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    current = started.timeout(deadlineMs, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(e instanceof TimeoutException
            ? new TimeoutException(what + " did not finish within " + deadlineMs + " ms; the next round may start") : e))
        .onFailure(failed::accept)
        .onComplete(done -> running.set(false));
  }

  /**
   * Completes when the round started last has ended, failed or run past its deadline (at once if
   * none is running): what a stop waits for, once no new round can start, before the stores it
   * uses are closed.
   */
  public Future<Void> finished() {
    return current.<Void>mapEmpty().otherwiseEmpty();
  }

  /** Whether a round is running (and not yet past its deadline). */
  public boolean running() {
    return running.get();
  }
}
