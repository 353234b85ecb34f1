package io.stampede.launcher;

import static io.stampede.launcher.AuthIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.platform.infra.RedisSetup;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

/** Guarantee 4: after Redis loses a drop's counters, nothing is sold until they are rebuilt, and then correctly. */
class RedisLossIT {

  @Test
  void lostCountersAreRebuiltFromPostgresBeforeAnotherOrderIsAccepted() {
    // The buyer below polls through the pause; a person-sized order bucket would refuse the polling.
    Node node = Members.start("gateway,auth,users,creators,drops,orders,notifications",
        java.util.Map.of(ConfigKeys.RATELIMIT_ORDERS_USER.name(), "1000/1000"));
    Vertx vertx = Vertx.vertx();
    Redis redis = RedisSetup.client(vertx, node.config());
    try {
      ApiClient api = new ApiClient(vertx, node);
      WebClient web = WebClient.create(vertx);
      String creator = api.signUp(ApiClient.unique("maker"), "creator").getString("userId");
      JsonObject fan = api.signUp(ApiClient.unique("fan"), "fan");
      String token = fan.getString("accessToken");
      var pool = PostgresSetup.pool(vertx, node.config(), "redis-loss-it");
      DropFixture drop = DropFixture.live(node, pool, creator, 10, 3, 5000);
      String dropId = drop.dropId();
      String productId = drop.productId();
      JsonObject body = new JsonObject().put("dropId", dropId).put("productId", productId).put("quantity", 2);
      HttpResponse<Buffer> first = order(web, node, token, "before-loss", body);
      assertThat(first.statusCode()).isEqualTo(201);
      String firstId = first.bodyAsJsonObject().getString("id");
      Poll.until("the first order is confirmed", () -> Await.result(pool.preparedQuery(
          "SELECT count(*) FROM orders WHERE id = $1").execute(Tuple.of(firstId))).iterator().next().getLong(0) == 1);

      // Redis forgets the drop (a restart without persistence, for this drop's slot).
      String prefix = node.config().get(ConfigKeys.REDIS_KEY_PREFIX);
      var scan = Await.result(redis.send(Request.cmd(Command.KEYS).arg(prefix + "{drop:" + dropId + "}*")));
      Request del = Request.cmd(Command.DEL);
      scan.forEach(k -> del.arg(k.toString()));
      Await.result(redis.send(del));
      // The drops service announces the drop again meanwhile: that must not reseed the full stock.
      assertThat(drop.sync(io.stampede.contracts.grpc.DropStatus.DROP_STATUS_LIVE, 3)).isTrue();

      // Until the reconciler has rebuilt the counters, orders for the drop pause (503), never oversell.
      JsonObject one = body.copy().put("quantity", 1);
      Poll.until("orders are accepted again", () -> {
        HttpResponse<Buffer> attempt = order(web, node, token, "after-loss", one);
        assertThat(attempt.statusCode()).as(attempt.bodyAsString()).isIn(201, 503);
        return attempt.statusCode() == 201;
      });

      assertThat(remaining(redis, prefix, dropId, productId)).as("10 − 2 confirmed − 1 new").isEqualTo(7);
      assertThat(order(web, node, token, "before-loss", body).bodyAsJsonObject().getString("id"))
          .as("a replay of a key from before the loss gets its first answer").isEqualTo(firstId);
      assertProblem(order(web, node, token, "too-many", one), 409, "LIMIT_EXCEEDED");
      pool.close();
    } finally {
      redis.close();
      Members.stop(node);
      vertx.close();
    }
  }

  private static HttpResponse<Buffer> order(WebClient web, Node node, String token, String key, JsonObject body) {
    return Await.result(web.post(node.httpPort(), "127.0.0.1", "/orders").bearerTokenAuthentication(token)
        .putHeader("Idempotency-Key", key).sendJsonObject(body));
  }

  private static int remaining(Redis redis, String prefix, String dropId, String productId) {
    return Await.result(redis.send(Request.cmd(Command.HGET).arg(prefix + "{drop:" + dropId + "}:item:" + productId)
        .arg("remaining"))).toInteger();
  }
}
