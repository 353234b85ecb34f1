package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.stampede.contracts.errors.Problem;
import io.stampede.contracts.events.Topics;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.infra.KafkaSetup;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every service in one member, as {@code java -jar stampede.jar} runs it, against the real stores. */
class SingleMemberIT {

  @RegisterExtension
  static final MemberExtension member = new MemberExtension();

  @Test
  void readyWhenPostgresRedisKafkaAndClusterAreUp() {
    HttpResponse<Buffer> ready = Await.result(member.web().get("/health/ready").send());

    assertThat(ready.statusCode()).isEqualTo(200);
    JsonObject body = ready.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("name")))
        .containsExactlyInAnyOrder("postgres", "redis", "kafka", "cluster");
    assertThat(Await.result(member.web().get("/health/live").send()).statusCode()).isEqualTo(200);
  }

  @Test
  void metricsArePrometheusTextWithHttpServerMeters() {
    Await.result(member.web().get("/health/live").send());
    HttpResponse<Buffer> metrics = Await.result(member.web().get("/metrics").send());

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.getHeader("content-type")).startsWith("text/plain");
    assertThat(metrics.bodyAsString()).contains("vertx_http_server_requests_total").contains("jvm_memory_used_bytes")
        .contains("stampede_event_loop_delay_seconds_bucket")
        // Nothing left behind on a fresh member: the order service has every drop's latest change.
        .contains("stampede_drops_behind_order_service 0.0")
        // The answers' times as a histogram, for a p99 on a dashboard.
        .contains("vertx_http_server_response_time_seconds_bucket{");
  }

  @Test
  void onlyAnswersOfAKibibyteOrMoreAreCompressed() {
    HttpResponse<Buffer> small = Await.result(member.web().get("/health/ready").putHeader("accept-encoding", "gzip").send());
    HttpResponse<Buffer> large = Await.result(member.web().get("/metrics").putHeader("accept-encoding", "gzip").send());

    assertThat(small.getHeader("content-encoding")).as("a health answer of %d bytes", small.body().length()).isNull();
    assertThat(large.getHeader("content-encoding")).as("the metrics page").isEqualTo("gzip");
  }

  @Test
  void everyErrorIsProblemJsonWithAStableCode() {
    assertProblem(Await.result(member.web().get("/no/such/route").send()), 404, "NOT_FOUND");
    assertProblem(Await.result(member.web().post("/health/live").send()), 405, "METHOD_NOT_ALLOWED");
    Buffer tooLarge = Buffer.buffer(new byte[64 * 1024 + 1]);
    assertProblem(Await.result(member.web().post("/anything").putHeader("content-type", "application/json")
        .sendBuffer(tooLarge)), 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void unknownPathsAndWrongMethodsCarryRateLimitHeadersToo() {
    for (HttpResponse<Buffer> answer : List.of(Await.result(member.web().get("/no/such/route").send()),
        Await.result(member.web().delete("/auth/login").send()))) {
      assertThat(answer.statusCode()).isIn(404, 405);
      assertThat(answer.getHeader("RateLimit-Limit")).isNotBlank();
      assertThat(answer.getHeader("RateLimit-Remaining")).isNotBlank();
      assertThat(answer.getHeader("RateLimit-Reset")).isNotBlank();
    }
  }

  @Test
  void requestIdIsEchoedOrMade() {
    assertThat(Await.result(member.web().get("/health/live").putHeader("X-Request-Id", "abc-123").send()).getHeader("X-Request-Id"))
        .isEqualTo("abc-123");
    assertThat(Await.result(member.web().get("/health/live").send()).getHeader("X-Request-Id")).isNotBlank();
  }

  @Test
  void speaksCleartextHttp2WithPriorKnowledgeAndByUpgrade() {
    for (boolean upgrade : List.of(false, true)) {
      var h2 = member.vertx().createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
          .setHttp2ClearTextUpgrade(upgrade).setDefaultHost("127.0.0.1").setDefaultPort(member.node().httpPort()));
      var response = Await.result(h2.request(HttpMethod.GET, "/health/live")
          .compose(req -> req.send().compose(res -> res.body().map(b -> res))));
      assertThat(response.version()).as("upgrade=" + upgrade).isEqualTo(HttpVersion.HTTP_2);
      assertThat(response.statusCode()).isEqualTo(200);
      Await.result(h2.close());
    }
  }

  @Test
  void advertisesItsHttp2StreamLimitSoABurstNeedsFewConnections() {
    var h2 = member.vertx().createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false).setDefaultHost("127.0.0.1").setDefaultPort(member.node().httpPort()));
    long advertised = Await.result(h2.request(HttpMethod.GET, "/health/live")
        .compose(req -> req.send().compose(res -> res.body().map(b -> req.connection().remoteSettings().getMaxConcurrentStreams()))));
    assertThat(advertised).as("http.h2-max-streams' default, not Vert.x's 100").isEqualTo(1000L);
    Await.result(h2.close());
  }

  @Test
  void speaksHttp2ViaAlpnAndHttp11OverTls() {
    assertThat(member.node().tlsPort()).isPositive();
    for (HttpVersion version : List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)) {
      var tls = member.vertx().createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false)
          .setUseAlpn(true).setProtocolVersion(version).setDefaultHost("127.0.0.1").setDefaultPort(member.node().tlsPort()));
      var response = Await.result(tls.request(HttpMethod.GET, "/.well-known/jwks.json")
          .compose(req -> req.send().compose(res -> res.body().map(b -> new Object[] {res, b}))));
      var res = (io.vertx.core.http.HttpClientResponse) response[0];
      assertThat(res.version()).isEqualTo(version);
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(((Buffer) response[1]).toJsonObject().getJsonArray("keys")).isNotEmpty();
      Await.result(tls.close());
    }
  }

  @Test
  void startCreatedTheDatabaseMigratedItAndCreatedTheTopics() {
    Pool pool = PostgresSetup.pool(member.vertx(), member.node().config(), "it");
    var tables = Await.result(pool.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").execute());
    List<String> names = new java.util.ArrayList<>();
    tables.forEach(row -> names.add(row.getString(0)));
    assertThat(names).contains("users", "products", "drops", "drop_items", "orders", "flyway_schema_history");
    Await.result(pool.close());

    KafkaAdminClient admin = KafkaAdminClient.create(member.vertx(), KafkaSetup.adminConfig(member.node().kafkaBootstrap()));
    assertThat(Await.result(admin.listTopics())).containsAll(Topics.ALL);
    var described = Await.result(admin.describeTopics(List.of(Topics.ORDER_EVENTS))).get(Topics.ORDER_EVENTS);
    assertThat(described.getPartitions()).hasSize(member.node().config().get(ConfigKeys.KAFKA_PARTITIONS));
    Await.result(admin.close());
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).isEqualTo(Problem.MEDIA_TYPE);
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("code")).isEqualTo(code);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("type")).isNotBlank();
  }
}
