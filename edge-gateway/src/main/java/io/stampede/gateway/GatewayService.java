package io.stampede.gateway;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.stampede.contracts.bus.Services;
import io.stampede.platform.service.ServiceContext;
import io.stampede.platform.service.ServiceModuleBase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;

/**
 * Deploys the gateway verticles as one deployment of {@code http.instances} instances, so they
 * share one port, also when the configured port is 0.
 */
public final class GatewayService extends ServiceModuleBase {

  private final Queue<GatewayVerticle> instances = new ConcurrentLinkedQueue<>();
  private ServiceContext context;
  private String deploymentId;

  public GatewayService() {
    super(Services.GATEWAY);
  }

  @Override
  protected Future<Void> startService(ServiceContext context) {
    this.context = context;
    GatewaySettings settings = GatewaySettings.from(context.config());
    return context.vertx()
        .deployVerticle(() -> {
          GatewayVerticle verticle = new GatewayVerticle(settings, context.health(), context.metrics());
          instances.add(verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(settings.instances()))
        .onSuccess(id -> deploymentId = id)
        .mapEmpty();
  }

  public int port() {
    return instances.element().actualPort();
  }

  /** Stops accepting connections and lets requests in flight finish (bounded by the drain time). */
  public Future<Void> drain() {
    return deploymentId == null ? Future.succeededFuture() : context.vertx().undeploy(deploymentId);
  }
}
