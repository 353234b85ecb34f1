package io.stampede.drops.schedule;

import java.time.Duration;

import io.stampede.drops.store.DropStore;
import io.stampede.drops.sync.OrdersInStep;
import io.stampede.platform.async.RoundsWhenDue;
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
 * the UPDATE goes by), makes due what is due, and sleeps until the next one ({@link RoundsWhenDue}),
 * so a drop goes live when it is due instead of at the next poll. A new drop wakes every member's
 * scheduler ({@link #REPLAN}, published cluster-wide by the drops API). The sleep is never longer
 * than {@link #RECHECK}: what no wake-up announced (a member that died between creating a drop and
 * announcing it, a row written by hand) is seen within that. At rest that is one query a second.
 *
 * <p>The order service hears of a change before it is committed ({@link DropStore#advanceDue}), and
 * everyone else after: a drop that {@code GET /drops/{id}} shows LIVE already takes orders, and
 * one that shows ENDED no longer does. When the order service does not acknowledge, the change is
 * rolled back and tried again next round: a drop goes live when it can take orders.
 *
 * <p>The API's changes are synced after their commit. One whose sync did not get through leaves its
 * drop behind the order service in Postgres, which makes a round due at once: the round syncs it
 * again ({@link OrdersInStep#catchUp}), and while the order service stays away, a failed round
 * waits {@link #RECHECK} before the next.
 */
public class DropSchedulerVerticle extends VerticleBase {

  /** Published on the cluster's bus when a drop was created: every scheduler plans again. */
  public static final String REPLAN = "drops.scheduler.replan";
  private static final Logger LOG = LoggerFactory.getLogger(DropSchedulerVerticle.class);
  private static final RepeatedWarning ROUND_FAILED = new RepeatedWarning(LOG, "drop scheduler round failed: {}");
  /** The longest sleep between two looks at Postgres. */
  private static final Duration RECHECK = Duration.ofSeconds(1);
  /** A round still running after this (a lost answer from a store) no longer holds the next one back. */
  private static final Duration ROUND_DEADLINE = Duration.ofSeconds(10);

  private final DropStore drops;
  private final OrdersInStep orders;
  private final DropPublisher publisher;
  private RoundsWhenDue rounds;

  public DropSchedulerVerticle(DropStore drops, OrdersInStep orders, DropPublisher publisher) {
    this.drops = drops;
    this.orders = orders;
    this.publisher = publisher;
  }

  @Override
  public Future<?> start() {
    rounds = new RoundsWhenDue(vertx, drops::untilNextDue, this::round, RECHECK, ROUND_DEADLINE,
        e -> ROUND_FAILED.warn(e.getMessage()));
    MessageConsumer<Object> replans = vertx.eventBus().consumer(REPLAN, message -> rounds.ask());
    rounds.ask();
    return replans.completion();
  }

  /** Makes due what is due, then (whatever came of that) syncs what an earlier sync left behind; fails when either failed. */
  private Future<Void> round() {
    Future<Void> advanced = advance();
    Future<Void> caughtUp = advanced.transform(done -> orders.catchUp());
    return Future.join(advanced, caughtUp).mapEmpty();
  }

  private Future<Void> advance() {
    return drops.advanceDue(changed -> Future.all(changed.stream().map(orders::sync).toList()).mapEmpty())
        .compose(changed -> Future.all(changed.stream().map(publisher::announce).toList()))
        .mapEmpty();
  }

  @Override
  public Future<?> stop() {
    return rounds.stop();
  }
}
