package io.stampede.gateway;

import java.util.concurrent.TimeUnit;

import io.stampede.platform.health.HealthChecks;
import io.stampede.platform.http.OpsRoutes;
import io.stampede.platform.http.Problems;
import io.stampede.platform.http.RequestIds;
import io.stampede.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * One instance of the public HTTP edge; the gateway service runs one per event loop on a shared
 * port. Speaks HTTP/1.1 and cleartext HTTP/2 (prior knowledge and upgrade) on the same port.
 */
public class GatewayVerticle extends VerticleBase {

  static final int BODY_LIMIT_BYTES = 64 * 1024;

  private final GatewaySettings settings;
  private final HealthChecks health;
  private final Metrics metrics;
  private HttpServer server;

  public GatewayVerticle(GatewaySettings settings, HealthChecks health, Metrics metrics) {
    this.settings = settings;
    this.health = health;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost(settings.host())
        .setPort(settings.port())
        .setHttp2ClearTextEnabled(true)
        .setCompressionSupported(true)
        .setMaxFormAttributeSize(BODY_LIMIT_BYTES));
    return server.requestHandler(router()).listen();
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(RequestIds::handle);
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
    OpsRoutes.mount(router, health, metrics);
    router.route().failureHandler(Problems::handleFailure);
    router.errorHandler(404, Problems::handleFailure);
    router.errorHandler(405, Problems::handleFailure);
    router.errorHandler(413, Problems::handleFailure);
    router.errorHandler(500, Problems::handleFailure);
    return router;
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** Stops accepting at once; requests in flight get up to the drain time to finish. */
  @Override
  public Future<?> stop() {
    return server.shutdown(settings.drainSeconds(), TimeUnit.SECONDS);
  }
}
