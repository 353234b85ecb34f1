package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.stampede.platform.config.StampedeConfig;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.platform.infra.StoreOutages;
import io.stampede.testing.TestInfra;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A service's pool under more load than it can serve: what cannot start in time is refused as an outage (503). */
class PostgresPoolIT {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aQueryThatGetsNoConnectionWithinHalfTheRequestTimeoutFailsAsAStoreOutage() {
    StampedeConfig config = TestInfra.get().memberConfig(Map.of("postgres.pool-size", "1",
        "http.request-timeout-ms", "400"));
    PostgresSetup.ensureDatabase(vertx, config).await();
    Pool pool = PostgresSetup.pool(vertx, config, "busy-pool-it");
    SqlConnection held = pool.getConnection().await();

    Throwable refused = pool.query("SELECT 1").execute().<Throwable>map(rows -> null).otherwise(e -> e).await();

    assertThat(refused).as("no connection came free").isNotNull();
    assertThat(StoreOutages.isOutage(refused)).as("%s is the caller's 503, not a 500", refused).isTrue();
    held.close().await();
    assertThat(pool.query("SELECT 1").execute().await().size()).as("served again once a connection is free").isEqualTo(1);
  }
}
