package io.stampede.platform.health;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The readiness checks of one member; every check runs at once, each bounded by a timeout. */
public final class HealthChecks {

  private static final long CHECK_TIMEOUT_MS = 2000;

  private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();

  public HealthChecks register(HealthCheck check) {
    checks.add(check);
    return this;
  }

  public Future<Report> run() {
    List<Future<JsonObject>> results = checks.stream().map(HealthChecks::runOne).toList();
    return Future.join(results).transform(ignored -> {
      JsonArray array = new JsonArray();
      boolean up = true;
      for (Future<JsonObject> r : results) {
        array.add(r.result());
        up &= "UP".equals(r.result().getString("status"));
      }
      return Future.succeededFuture(new Report(up, array));
    });
  }

  private static Future<JsonObject> runOne(HealthCheck check) {
    return check.check()
        .timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(v -> new JsonObject().put("name", check.name()).put("status", "UP"))
        .otherwise(e -> new JsonObject().put("name", check.name()).put("status", "DOWN")
            .put("detail", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
  }

  /** The outcome of one run: UP only when every check is. */
  public record Report(boolean up, JsonArray checks) {

    public JsonObject toJson() {
      return new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks);
    }
  }
}
