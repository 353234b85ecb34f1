package io.stampede.platform.async;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.vertx.core.Future;

/**
 * Background work done in rounds whenever it is asked for (a timer's tick, a nudge on the bus), one
 * round at a time: a request that comes while a round runs is not lost, one more round follows it.
 * A round that answers {@code true} had more than it could take (a full batch) and is followed at
 * once too. Confined to one verticle's context, like the timers and consumers that ask.
 */
public final class RoundsOnDemand {

  private final Supplier<Future<Boolean>> round;
  private final Consumer<Throwable> failed;
  private boolean running;
  private boolean again;
  private boolean stopped;
  private Future<?> current = Future.succeededFuture();

  /**
   * @param round one round; its result says whether more is waiting
   * @param failed told of each round that failed (a rate-limited warning, usually); the next
   *               request starts a new round as usual
   */
  public RoundsOnDemand(Supplier<Future<Boolean>> round, Consumer<Throwable> failed) {
    this.round = round;
    this.failed = failed;
  }

  /** Starts a round, or has one follow the round that is running; nothing once stopped. */
  public void ask() {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    Future<Boolean> started;
    try {
      started = round.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    current = started.onFailure(failed::accept).onComplete(done -> {
      running = false;
      if (again || (done.succeeded() && Boolean.TRUE.equals(done.result()))) {
        ask();
      }
    });
  }

  /** No round starts from now on; completes when the one in flight has ended, failed or not. */
  public Future<Void> stop() {
    stopped = true;
    return current.<Void>mapEmpty().otherwiseEmpty();
  }
}
