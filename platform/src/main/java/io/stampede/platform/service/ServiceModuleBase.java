package io.stampede.platform.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.stampede.contracts.bus.Services;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * What every service does on start before its own verticles: answer {@code <service>.info.get},
 * so readiness and operators can see it on the bus. It also keeps the service's background
 * verticles ({@link #deployBackground}) so that the member can stop them first when it leaves.
 */
public abstract class ServiceModuleBase implements ServiceModule {

  private final Services service;
  private final List<String> background = new CopyOnWriteArrayList<>();
  private volatile Vertx vertx;

  protected ServiceModuleBase(Services service) {
    this.service = service;
  }

  @Override
  public final Services service() {
    return service;
  }

  @Override
  public final Future<Void> start(ServiceContext context) {
    vertx = context.vertx();
    return context.vertx().deployVerticle(new ServiceInfoVerticle(service, context.cluster().getNodeId()))
        .compose(id -> startService(context));
  }

  /** The service's own verticles, servers and consumers; complete only when all are serving. */
  protected Future<Void> startService(ServiceContext context) {
    return Future.succeededFuture();
  }

  /**
   * Deploys a verticle of periodic background work, which {@link #quiesce} undeploys first when
   * the member leaves. Its {@code stop} should cancel its timers and complete once the round in
   * flight has ended.
   */
  protected final Future<String> deployBackground(Deployable verticle) {
    return vertx.deployVerticle(verticle).onSuccess(background::add);
  }

  @Override
  public final Future<Void> quiesce() {
    if (background.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.join(background.stream().map(id -> vertx.undeploy(id)).toList()).mapEmpty();
  }
}
