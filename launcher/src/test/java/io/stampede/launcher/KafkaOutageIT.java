package io.stampede.launcher;

import static io.stampede.launcher.AuthIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.stampede.kafka.embedded.EmbeddedKafka;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.Test;

/** When Kafka cannot take an order, the buyer gets 503 and the stock goes back: nothing is lost. */
class KafkaOutageIT {

  @Test
  void aRefusedRecordUndoesTheReservation() {
    EmbeddedKafka ownBroker = EmbeddedKafka.start(0, null);
    Node node = Members.start("gateway,auth,users,creators,drops,orders,notifications",
        Map.of(ConfigKeys.KAFKA_BOOTSTRAP.name(), ownBroker.bootstrapServers()));
    Vertx vertx = Vertx.vertx();
    try {
      ApiClient api = new ApiClient(vertx, node);
      WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
      String creator = api.signUp(ApiClient.unique("maker"), "creator").getString("userId");
      String fan = api.signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
      var pool = PostgresSetup.pool(vertx, node.config(), "kafka-outage-it");
      DropFixture drop = DropFixture.live(node, pool, creator, 5, 5, 1000);
      String dropId = drop.dropId();
      String productId = drop.productId();
      JsonObject body = new JsonObject().put("dropId", dropId).put("productId", productId).put("quantity", 2);
      assertThat(order(web, fan, "before", body).statusCode()).isEqualTo(201);

      ownBroker.close();
      HttpResponse<Buffer> refused = order(web, fan, "during", body);

      assertProblem(refused, 503, "UNAVAILABLE");
      assertThat(refused.getHeader("Retry-After")).isNotBlank();
      var redis = io.stampede.platform.infra.RedisSetup.client(vertx, node.config());
      String prefix = node.config().get(ConfigKeys.REDIS_KEY_PREFIX);
      assertThat(Await.result(redis.send(Request.cmd(Command.HGET).arg(prefix + "{drop:" + dropId + "}:item:" + productId)
          .arg("remaining"))).toInteger()).as("the 2 units of the refused order are back").isEqualTo(3);
      assertThat(Await.result(redis.send(Request.cmd(Command.EXISTS).arg(prefix + "{drop:" + dropId + "}:idem:"
          + new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(fan.split("\\.")[1]))).getString("sub")
          + ":during"))).toInteger()).as("the key is free for a retry").isZero();
      redis.close();
      pool.close();
    } finally {
      // Its broker is gone, so the member's Kafka clients close without one: Node bounds that part of
      // a stop at 30 s (after up to 2 s of drain, 10 of withdrawal and 5 of quiescing). Usually it
      // takes a few seconds; once in CI it took over the usual 20 s of patience.
      Await.result(node.stop(), Duration.ofSeconds(60));
      ownBroker.close();
      vertx.close();
    }
  }

  private static HttpResponse<Buffer> order(WebClient web, String token, String key, JsonObject body) {
    return Await.result(web.post("/orders").bearerTokenAuthentication(token).putHeader("Idempotency-Key", key)
        .timeout(30_000).sendJsonObject(body));
  }
}
