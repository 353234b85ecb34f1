package io.stampede.platform.async;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Background work over things that each fall due at a known time (a drop's start, a webhook's next
 * attempt), done when they are due instead of at the next poll. A round asks the store how long
 * until the next thing is due; when one is, it takes what is due and asks again; then it sleeps
 * until the next. {@link #ask} runs a round now, for a new thing someone announced.
 *
 * <p>The sleep is never longer than {@code recheck}, so what nobody announced (a row another member
 * wrote, or an operator) is seen within that; and never shorter than {@link #MIN_WAIT_MS}, so a thing
 * that is due but not taken (it came due between two statements, another member holds it) is looked
 * at again soon, not in a spin. A failed round is reported and the next one follows after
 * {@code recheck}. Confined to one verticle's context, like the timers and consumers that ask.
 */
public final class RoundsWhenDue {

  /** The shortest sleep between two rounds. */
  public static final long MIN_WAIT_MS = 5;

  private final Vertx vertx;
  private final Supplier<Future<Optional<Duration>>> untilNextDue;
  private final Supplier<Future<Void>> takeDue;
  private final Duration recheck;
  private final Duration deadline;
  private final RoundsOnDemand rounds;
  private long timer = -1;
  private boolean stopped;

  /**
   * @param untilNextDue how long until the next thing is due: zero or negative when one is due now,
   *                     empty when none is waiting
   * @param takeDue      takes (does) what is due now
   * @param recheck      the longest sleep
   * @param deadline     a round still running after this (a lost answer from a store) no longer
   *                     holds the next one back
   * @param failed       told of each failed round (a rate-limited warning, usually)
   */
  public RoundsWhenDue(Vertx vertx, Supplier<Future<Optional<Duration>>> untilNextDue, Supplier<Future<Void>> takeDue,
                       Duration recheck, Duration deadline, Consumer<Throwable> failed) {
    this.vertx = vertx;
    this.untilNextDue = untilNextDue;
    this.takeDue = takeDue;
    this.recheck = recheck;
    this.deadline = deadline;
    this.rounds = new RoundsOnDemand(this::round, failed);
  }

  /** Runs a round now, or right after the one that is running; nothing once stopped. */
  public void ask() {
    rounds.ask();
  }

  private Future<Boolean> round() {
    return Future.succeededFuture()
        .compose(v -> untilNextDue.get())
        .compose(until -> isDue(until) ? takeDue.get().compose(v -> untilNextDue.get()) : Future.succeededFuture(until))
        .timeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
        .transform(done -> {
          sleep(done.succeeded() ? done.result() : Optional.empty());
          return done.failed() ? Future.failedFuture(done.cause()) : Future.succeededFuture(false);
        });
  }

  private static boolean isDue(Optional<Duration> untilNextDue) {
    return untilNextDue.isPresent() && untilNextDue.get().toMillis() <= 0;
  }

  private void sleep(Optional<Duration> untilNextDue) {
    if (stopped) {
      return;
    }
    long longest = recheck.toMillis();
    long ms = untilNextDue.map(Duration::toMillis).map(due -> Math.max(MIN_WAIT_MS, Math.min(longest, due)))
        .orElse(longest);
    vertx.cancelTimer(timer);
    timer = vertx.setTimer(ms, id -> rounds.ask());
  }

  /** No round starts from now on; completes when the one in flight has ended, failed or not. */
  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return rounds.stop();
  }
}
