package io.stampede.drops.schedule;

import java.time.Duration;

import io.stampede.drops.store.DropStore;
import io.stampede.platform.async.OneRoundAtATime;
import io.stampede.platform.logging.RepeatedWarning;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves drops SCHEDULED → LIVE at {@code startsAt} and LIVE → ENDED at {@code endsAt}. Every member
 * that runs the drops service runs one; each change is a guarded UPDATE in Postgres, so exactly one
 * of them makes (and announces) it, whatever the number of members.
 */
public class DropSchedulerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DropSchedulerVerticle.class);
  private static final RepeatedWarning TICK_FAILED = new RepeatedWarning(LOG, "drop scheduler tick failed: {}");
  private static final long TICK_MS = 200;
  /** A tick still running after this (a lost answer from a store) no longer holds the next one back. */
  private static final Duration TICK_DEADLINE = Duration.ofSeconds(10);

  private final DropStore drops;
  private final DropPublisher publisher;
  private long timer;
  private OneRoundAtATime ticks;

  public DropSchedulerVerticle(DropStore drops, DropPublisher publisher) {
    this.drops = drops;
    this.publisher = publisher;
  }

  @Override
  public Future<?> start() {
    ticks = new OneRoundAtATime("a drop scheduler tick", TICK_DEADLINE,
        e -> TICK_FAILED.warn(e.getMessage()));
    timer = vertx.setPeriodic(TICK_MS, id -> ticks.run(this::tick));
    return Future.succeededFuture();
  }

  private Future<?> tick() {
    return drops.advanceDue()
        .compose(changed -> Future.all(changed.stream().map(publisher::publish).toList()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return ticks.finished();
  }
}
