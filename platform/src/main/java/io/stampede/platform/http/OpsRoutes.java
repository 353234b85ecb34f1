package io.stampede.platform.http;

import io.stampede.platform.health.HealthChecks;
import io.stampede.platform.metrics.Metrics;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code /health/live}, {@code /health/ready} and {@code /metrics}, on every member that serves HTTP. */
public final class OpsRoutes {

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private OpsRoutes() {
  }

  public static void mount(Router router, HealthChecks health, Metrics metrics) {
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> health.run().onComplete(report -> {
      if (report.failed()) {
        ctx.fail(report.cause());
        return;
      }
      ctx.response().setStatusCode(report.result().up() ? 200 : 503);
      ctx.json(report.result().toJson());
    }));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT)
        .end(metrics.scrape()));
  }
}
