package io.stampede.platform.service;

import io.stampede.contracts.bus.Services;
import io.vertx.core.Future;

/**
 * What every service does on start before its own verticles: answer {@code <service>.info.get},
 * so readiness and operators can see it on the bus.
 */
public abstract class ServiceModuleBase implements ServiceModule {

  private final Services service;

  protected ServiceModuleBase(Services service) {
    this.service = service;
  }

  @Override
  public final Services service() {
    return service;
  }

  @Override
  public final Future<Void> start(ServiceContext context) {
    return context.vertx().deployVerticle(new ServiceInfoVerticle(service, context.cluster().getNodeId()))
        .compose(id -> startService(context));
  }

  /** The service's own verticles, servers and consumers; complete only when all are serving. */
  protected Future<Void> startService(ServiceContext context) {
    return Future.succeededFuture();
  }
}
