package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.health.RedisHealthCheck;
import io.stampede.platform.infra.InfrastructureException;
import io.stampede.platform.infra.RedisSetup;
import io.stampede.testing.Await;
import io.stampede.testing.FreePorts;
import io.stampede.testing.TestInfra;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;

/** Readiness names what is down; a start without a store fails with a line that names it. */
class ReadinessIT {

  @Test
  void aGatewayWithoutBackendsIsNotReadyAndSaysWhichServicesAreMissing() {
    Node gatewayOnly = Members.start("gateway,orders");
    Vertx vertx = Vertx.vertx();
    try {
      var response = Await.result(WebClient.create(vertx).get(gatewayOnly.httpPort(), "127.0.0.1", "/health/ready").send());

      assertThat(response.statusCode()).isEqualTo(503);
      JsonObject cluster = check(response.bodyAsJsonObject(), "cluster");
      assertThat(cluster.getString("status")).isEqualTo("DOWN");
      assertThat(cluster.getString("detail")).contains("auth", "users", "creators", "drops", "notifications")
          .doesNotContain("orders");
    } finally {
      Members.stop(gatewayOnly);
      vertx.close();
    }
  }

  @Test
  void aStoreThatGoesAwayMakesTheMemberUnreadyAndIsNamed() {
    Node node = Members.start("gateway,auth,users,creators,drops,orders,notifications");
    Vertx vertx = Vertx.vertx();
    try {
      String deadRedis = "redis://127.0.0.1:" + FreePorts.next();
      node.health().register(new RedisHealthCheck(RedisSetup.client(node.vertx(),
          node.config().with(Map.of(ConfigKeys.REDIS_URL.name(), deadRedis)))) {
        @Override
        public String name() {
          return "redis-replica";
        }
      });

      var response = Await.result(WebClient.create(vertx).get(node.httpPort(), "127.0.0.1", "/health/ready").send());

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(check(response.bodyAsJsonObject(), "redis-replica").getString("status")).isEqualTo("DOWN");
      assertThat(check(response.bodyAsJsonObject(), "postgres").getString("status")).isEqualTo("UP");
    } finally {
      Members.stop(node);
      vertx.close();
    }
  }

  @Test
  void startWithoutRedisOrPostgresFailsWithOneLineNamingIt() {
    String redisDown = "redis://127.0.0.1:" + FreePorts.next();
    Throwable noRedis = Await.failure(Node.start(TestInfra.get().memberConfig(Map.of(ConfigKeys.REDIS_URL.name(), redisDown))));
    assertThat(Main.explain(noRedis)).startsWith("Redis at " + redisDown + " is not reachable").contains("redis.url")
        .doesNotContain("\n");
    assertThat(noRedis).isInstanceOf(InfrastructureException.class);

    int pgDown = FreePorts.next();
    Throwable noPostgres = Await.failure(Node.start(TestInfra.get().memberConfig(
        Map.of(ConfigKeys.POSTGRES_PORT.name(), String.valueOf(pgDown)))));
    assertThat(Main.explain(noPostgres)).startsWith("PostgreSQL at 127.0.0.1:" + pgDown + " is not reachable")
        .contains("postgres.host").doesNotContain("\n");
  }

  private static JsonObject check(JsonObject report, String name) {
    return report.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> name.equals(c.getString("name"))).findFirst().orElseThrow();
  }
}
