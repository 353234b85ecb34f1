package io.stampede.gateway;

import java.util.ArrayList;
import java.util.List;

import io.stampede.contracts.bus.Services;
import io.stampede.platform.service.ServiceContext;
import io.stampede.platform.service.ServiceModuleBase;
import io.vertx.core.Future;

/**
 * Deploys the gateway verticles. The first instance binds the configured port (which may be 0);
 * the others then share the port it actually got.
 */
public final class GatewayService extends ServiceModuleBase {

  private final List<String> deployments = new ArrayList<>();
  private ServiceContext context;
  private int port;

  public GatewayService() {
    super(Services.GATEWAY);
  }

  @Override
  protected Future<Void> startService(ServiceContext context) {
    this.context = context;
    GatewaySettings settings = GatewaySettings.from(context.config());
    GatewayVerticle first = new GatewayVerticle(settings, context.health(), context.metrics());
    return context.vertx().deployVerticle(first)
        .compose(id -> {
          deployments.add(id);
          port = first.actualPort();
          GatewaySettings shared = settings.withPort(port);
          List<Future<String>> others = new ArrayList<>();
          for (int i = 1; i < settings.instances(); i++) {
            others.add(context.vertx().deployVerticle(new GatewayVerticle(shared, context.health(), context.metrics())));
          }
          return Future.all(others).onSuccess(all -> deployments.addAll(all.list()));
        })
        .mapEmpty();
  }

  public int port() {
    return port;
  }

  /** Stops accepting connections and lets requests in flight finish (bounded by the drain time). */
  public Future<Void> drain() {
    if (context == null) {
      return Future.succeededFuture();
    }
    List<Future<Void>> undeployed = deployments.stream().map(id -> context.vertx().undeploy(id)).toList();
    return Future.join(undeployed).mapEmpty();
  }
}
