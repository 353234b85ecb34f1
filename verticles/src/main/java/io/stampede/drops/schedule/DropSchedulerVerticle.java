package io.stampede.drops.schedule;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.stampede.drops.store.DropStore;
import io.stampede.platform.async.RoundsOnDemand;
import io.stampede.platform.logging.RepeatedWarning;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves drops SCHEDULED → LIVE at {@code startsAt} and LIVE → ENDED at {@code endsAt}. Every member
 * that runs the drops service runs one; each change is a guarded UPDATE in Postgres, so exactly one
 * of them makes (and announces) it, whatever the number of members.
 *
 * <p>A round asks Postgres how long until the next drop is due (by the database's clock, the one
 * the UPDATE goes by), makes due what is due, and sleeps until the next one, so a drop goes live
 * when it is due instead of at the next poll. A new drop wakes every member's scheduler ({@link #REPLAN},
 * published cluster-wide by the drops API). The sleep is never longer than {@link #RECHECK_MS}: what
 * no wake-up announced (a member that died between creating a drop and announcing it, a row written
 * by hand) is seen within that.
 */
public class DropSchedulerVerticle extends VerticleBase {

  /** Published on the cluster's bus when a drop was created: every scheduler plans again. */
  public static final String REPLAN = "drops.scheduler.replan";
  private static final Logger LOG = LoggerFactory.getLogger(DropSchedulerVerticle.class);
  private static final RepeatedWarning ROUND_FAILED = new RepeatedWarning(LOG, "drop scheduler round failed: {}");
  /** The longest sleep between two looks at Postgres. */
  private static final long RECHECK_MS = 1000;
  /**
   * The shortest: a drop that is due but not taken yet (it came due between two statements) is
   * looked at again soon, not in a spin.
   */
  private static final long MIN_WAIT_MS = 5;
  /** A round still running after this (a lost answer from a store) no longer holds the next one back. */
  private static final Duration ROUND_DEADLINE = Duration.ofSeconds(10);

  private final DropStore drops;
  private final DropPublisher publisher;
  private RoundsOnDemand rounds;
  private long timer = -1;
  private boolean stopped;

  public DropSchedulerVerticle(DropStore drops, DropPublisher publisher) {
    this.drops = drops;
    this.publisher = publisher;
  }

  @Override
  public Future<?> start() {
    rounds = new RoundsOnDemand(this::round, e -> ROUND_FAILED.warn(e.getMessage()));
    MessageConsumer<Object> replans = vertx.eventBus().consumer(REPLAN, message -> rounds.ask());
    rounds.ask();
    return replans.completion();
  }

  /**
   * Asks how long until the next drop is due; when one is, makes due what is due and asks again;
   * then sleeps until the next. At rest that is one query a {@link #RECHECK_MS}. A failed round
   * tries again after the longest sleep.
   */
  private Future<Boolean> round() {
    return drops.untilNextDue()
        .compose(until -> isDue(until) ? advance().compose(v -> drops.untilNextDue()) : Future.succeededFuture(until))
        .timeout(ROUND_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .transform(done -> {
          sleep(done.succeeded() ? done.result() : Optional.empty());
          return done.failed() ? Future.failedFuture(done.cause()) : Future.succeededFuture(false);
        });
  }

  private static boolean isDue(Optional<Duration> untilNextDue) {
    return untilNextDue.isPresent() && untilNextDue.get().toMillis() <= 0;
  }

  private Future<Void> advance() {
    return drops.advanceDue().compose(changed -> Future.all(changed.stream().map(publisher::publish).toList()))
        .mapEmpty();
  }

  private void sleep(Optional<Duration> untilNextDue) {
    if (stopped) {
      return;
    }
    long ms = untilNextDue.map(Duration::toMillis).map(due -> Math.max(MIN_WAIT_MS, Math.min(RECHECK_MS, due)))
        .orElse(RECHECK_MS);
    vertx.cancelTimer(timer);
    timer = vertx.setTimer(ms, id -> rounds.ask());
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return rounds.stop();
  }
}
