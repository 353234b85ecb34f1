package io.stampede.platform.health;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/** Postgres answers a trivial query through the service's pool. */
public record PostgresHealthCheck(Pool pool) implements HealthCheck {

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public Future<Void> check() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }
}
