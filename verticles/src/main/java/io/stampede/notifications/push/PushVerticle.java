package io.stampede.notifications.push;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Owns the FCM client of this member: created on deploy, its app and workers released on undeploy. */
public class PushVerticle extends VerticleBase {

  private final PushSettings settings;
  private final MeterRegistry meters;
  private volatile Pushes pushes = Pushes.none();

  public PushVerticle(PushSettings settings, MeterRegistry meters) {
    this.settings = settings;
    this.meters = meters;
  }

  @Override
  public Future<?> start() {
    if (settings.enabled()) {
      pushes = new PushDispatcher(vertx, FcmPushSender.create(vertx, settings), meters);
    }
    return Future.succeededFuture();
  }

  /** Push as configured ({@link Pushes#none()} when off); valid once deployed. */
  public Pushes pushes() {
    return pushes;
  }

  @Override
  public Future<?> stop() {
    return pushes.close();
  }
}
