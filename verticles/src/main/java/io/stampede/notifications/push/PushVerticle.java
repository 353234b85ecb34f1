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
    if (!settings.enabled()) {
      return Future.succeededFuture();
    }
    // Reading credentials and starting the Firebase app block: not on the event loop.
    return vertx.executeBlocking(() -> FcmPushSender.create(vertx, settings))
        .onSuccess(sender -> pushes = new PushDispatcher(vertx, sender, meters));
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
