package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.stampede.platform.infra.PostgresSetup;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

/** Guarantees 1–3 under a real race through the public port: no oversell, no duplicate, no loss. */
class OrderRaceIT {

  private static final int STOCK = 500;
  private static final int LIMIT = 2;
  private static final int USERS = 400;
  private static String productId;

  @Test
  void twoThousandConcurrentAttemptsSellExactlyTheStockAndEvery201IsConfirmed() {
    try (OneMember member = OneMember.start()) {
      Node node = member.node();
      ApiClient api = member.api();
      WebClient web = member.web();
      Vertx vertx = member.vertx();
      Pool pool = PostgresSetup.pool(vertx, node.config(), "race-it");
      String dropId = liveDrop(api, pool, node);
      List<String> tokens = signUpFans(member, USERS, "racer");

      // Each user: three distinct keys, and two of them sent twice — all at once, shuffled.
      List<String[]> attempts = new ArrayList<>();
      for (String token : tokens) {
        for (String key : List.of("k1", "k2", "k3", "k1", "k2")) {
          attempts.add(new String[] {token, key});
        }
      }
      Collections.shuffle(attempts, new Random(7));
      JsonObject body = new JsonObject().put("dropId", dropId).put("productId", productId).put("quantity", 1);
      List<HttpResponse<Buffer>> answers = Await.result(Future.all(attempts.stream().map(a -> web.post("/orders")
          .bearerTokenAuthentication(a[0]).putHeader("Idempotency-Key", a[1]).sendJsonObject(body)).toList())).list();

      Map<String, String> orderIdByKey = new HashMap<>();
      Map<String, Integer> unitsByUser = new HashMap<>();
      for (int i = 0; i < answers.size(); i++) {
        HttpResponse<Buffer> answer = answers.get(i);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isIn(201, 409);
        if (answer.statusCode() == 201) {
          String userKey = attempts.get(i)[0] + "/" + attempts.get(i)[1];
          String orderId = answer.bodyAsJsonObject().getString("id");
          String earlier = orderIdByKey.putIfAbsent(userKey, orderId);
          assertThat(earlier == null || earlier.equals(orderId)).as("one order per key").isTrue();
          if (earlier == null) {
            unitsByUser.merge(answer.bodyAsJsonObject().getString("userId"), 1, Integer::sum);
          }
        } else {
          assertThat(answer.bodyAsJsonObject().getString("code"))
              .isIn("SOLD_OUT", "LIMIT_EXCEEDED", "IDEMPOTENCY_IN_FLIGHT");
        }
      }
      assertThat(orderIdByKey).hasSize(STOCK);
      assertThat(unitsByUser.values()).allMatch(units -> units <= LIMIT);

      // Every retry of a key that won gets the same order again.
      for (Map.Entry<String, String> won : orderIdByKey.entrySet()) {
        String[] tokenAndKey = won.getKey().split("/");
        HttpResponse<Buffer> replay = Await.result(web.post("/orders").bearerTokenAuthentication(tokenAndKey[0])
            .putHeader("Idempotency-Key", tokenAndKey[1]).sendJsonObject(body));
        assertThat(replay.bodyAsJsonObject().getString("id")).isEqualTo(won.getValue());
      }
      Poll.until("all " + STOCK + " orders are CONFIRMED in Postgres", () -> Await.result(pool
          .preparedQuery("SELECT count(*), coalesce(sum(quantity), 0) FROM orders WHERE drop_id = $1 AND status = 'CONFIRMED'")
          .execute(Tuple.of(dropId))).iterator().next().getLong(1) == STOCK);
      assertThat(Await.result(pool.preparedQuery("SELECT count(DISTINCT id) FROM orders WHERE drop_id = $1")
          .execute(Tuple.of(dropId))).iterator().next().getLong(0)).isEqualTo(STOCK);
      assertThat(Await.result(pool.preparedQuery("SELECT held FROM drop_items WHERE drop_id = $1")
          .execute(Tuple.of(dropId))).iterator().next().getLong(0)).as("units the database counts as held").isEqualTo(STOCK);
      pool.close();
    }
  }

  @Test
  void doubleClicksForHalfTheDemandLeaveNoStockStranded() {
    try (OneMember member = OneMember.start()) {
      Node node = member.node();
      ApiClient api = member.api();
      WebClient web = member.web();
      Vertx vertx = member.vertx();
      Pool pool = PostgresSetup.pool(vertx, node.config(), "double-click-it");
      String creator = api.signUp(ApiClient.unique("maker"), "creator").getString("userId");
      int users = 150;
      DropFixture drop = DropFixture.live(node, pool, creator, users, 2, 900);
      List<String> tokens = signUpFans(member, users, "clicker");
      JsonObject body = new JsonObject().put("dropId", drop.dropId()).put("productId", drop.productId()).put("quantity", 1);

      List<Future<HttpResponse<Buffer>>> clicks = new ArrayList<>();
      for (String token : tokens) {
        for (String key : List.of("click-1", "click-2")) {
          clicks.add(web.post("/orders").bearerTokenAuthentication(token).putHeader("Idempotency-Key", key).sendJsonObject(body));
        }
      }
      List<String> created = new ArrayList<>();
      for (HttpResponse<Buffer> answer : Await.result(Future.all(clicks)).<HttpResponse<Buffer>>list()) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isIn(201, 409);
        if (answer.statusCode() == 201) {
          created.add(answer.bodyAsJsonObject().getString("id"));
        }
      }

      assertThat(created).hasSize(users).doesNotHaveDuplicates();
      Poll.until("every 201 is durable", () -> Await.result(pool.preparedQuery(
          "SELECT count(*) FROM orders WHERE id = ANY($1) AND status = 'CONFIRMED'")
          .execute(Tuple.tuple().addArrayOfString(created.toArray(String[]::new)))).iterator().next().getLong(0) == users);
      var redis = io.stampede.platform.infra.RedisSetup.client(vertx, node.config());
      int onCounter = Await.result(redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.HGET)
          .arg(node.config().get(io.stampede.platform.config.ConfigKeys.REDIS_KEY_PREFIX) + "{drop:" + drop.dropId()
              + "}:item:" + drop.productId()).arg("remaining"))).toInteger();
      long inPostgres = Await.result(pool.preparedQuery("SELECT coalesce(sum(quantity), 0) FROM orders WHERE drop_id = $1")
          .execute(Tuple.of(drop.dropId()))).iterator().next().getLong(0);
      assertThat(inPostgres + onCounter).as("units in Postgres + units on the counter = stock").isEqualTo(users);
      redis.close();
      pool.close();
    }
  }

  /** Access tokens of {@code count} new fans, signed up in parallel on worker threads. */
  private static List<String> signUpFans(OneMember member, int count, String prefix) {
    return Await.result(Future.all(java.util.stream.IntStream.range(0, count).mapToObj(i -> member.vertx()
        .executeBlocking(() -> member.api().signUp(ApiClient.unique(prefix + i), "fan").getString("accessToken"), false))
        .toList())).list();
  }

  private static String liveDrop(ApiClient api, Pool pool, Node node) {
    String creator = api.signUp(ApiClient.unique("maker"), "creator").getString("userId");
    DropFixture drop = DropFixture.live(node, pool, creator, STOCK, LIMIT, 12000);
    productId = drop.productId();
    return drop.dropId();
  }
}
