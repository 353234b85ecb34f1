package io.stampede.drops.schedule;

import io.stampede.drops.store.DropStore;
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

  private final DropStore drops;
  private final DropPublisher publisher;
  private long timer;
  private boolean ticking;

  public DropSchedulerVerticle(DropStore drops, DropPublisher publisher) {
    this.drops = drops;
    this.publisher = publisher;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(TICK_MS, id -> tick());
    return Future.succeededFuture();
  }

  private void tick() {
    if (ticking) {
      return;
    }
    ticking = true;
    drops.advanceDue()
        .compose(changed -> Future.all(changed.stream().map(publisher::publish).toList()))
        .onFailure(e -> TICK_FAILED.warn(e.getMessage()))
        .onComplete(done -> ticking = false);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
