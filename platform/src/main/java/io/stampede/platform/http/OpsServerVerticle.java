package io.stampede.platform.http;

import io.stampede.platform.health.HealthChecks;
import io.stampede.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * On a member that runs no gateway, {@code http.port} still answers the operations endpoints, so
 * every member can be probed and scraped the same way.
 */
public class OpsServerVerticle extends VerticleBase {

  private final String host;
  private final int port;
  private final HealthChecks health;
  private final Metrics metrics;
  private HttpServer server;

  public OpsServerVerticle(String host, int port, HealthChecks health, Metrics metrics) {
    this.host = host;
    this.port = port;
    this.health = health;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(RequestIds::handle);
    OpsRoutes.mount(router, health, metrics);
    router.route().failureHandler(Problems::handleFailure);
    router.errorHandler(404, Problems::handleFailure);
    router.errorHandler(405, Problems::handleFailure);
    server = vertx.createHttpServer();
    return server.requestHandler(router).listen(port, host);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
