package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.stampede.platform.config.StampedeConfig;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.platform.infra.StoreOutages;
import io.stampede.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A service's pool under more load than it can serve: what cannot start in time is refused as an
 * outage (503). A pipelined client queues statements on its busy connections instead.
 */
class PostgresPoolIT {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aQueryThatGetsNoConnectionWithinHalfTheRequestTimeoutFailsAsAStoreOutage() {
    StampedeConfig config = oneConnection();
    Pool pool = PostgresSetup.pool(vertx, config, "busy-pool-it");
    SqlConnection held = pool.getConnection().await();

    Throwable refused = pool.query("SELECT 1").execute().<Throwable>map(rows -> null).otherwise(e -> e).await();

    assertThat(refused).as("no connection came free").isNotNull();
    assertThat(StoreOutages.isOutage(refused)).as("%s is the caller's 503, not a 500", refused).isTrue();
    held.close().await();
    assertThat(pool.query("SELECT 1").execute().await().size()).as("served again once a connection is free").isEqualTo(1);
  }

  @Test
  void aPipelinedClientQueuesAStatementBehindABusyConnectionInsteadOfRefusingIt() {
    StampedeConfig config = oneConnection();
    SqlClient client = PostgresSetup.pipelinedClient(vertx, config, "pipelined-pool-it");

    // The only connection is busy for longer than a statement may wait for one (200 ms).
    Future<RowSet<Row>> slow = client.query("SELECT pg_sleep(0.6)").execute();
    List<Future<RowSet<Row>>> behind = IntStream.range(0, 50)
        .mapToObj(i -> client.preparedQuery("SELECT $1::int").execute(Tuple.of(i))).toList();

    Future.all(behind).await();
    assertThat(behind).allSatisfy(f -> assertThat(f.result().size()).isEqualTo(1));
    assertThat(slow.await().size()).isEqualTo(1);
    client.close().await();
  }

  /** A member's settings with one connection per pool, which a statement waits for at most 200 ms. */
  private StampedeConfig oneConnection() {
    StampedeConfig config = TestInfra.get().memberConfig(Map.of("postgres.pool-size", "1",
        "http.request-timeout-ms", "400"));
    PostgresSetup.ensureDatabase(vertx, config).await();
    return config;
  }
}
