package io.stampede.launcher;

import static io.stampede.launcher.AuthIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.stampede.contracts.events.Topics;
import io.stampede.contracts.grpc.DropStatus;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.stampede.testing.TestInfra;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /orders} and {@code GET /orders/{id}} through the public port, against the real stores,
 * on a member that rehearsed its order path before it opened its port (every test here also shows
 * that a rehearsal leaves real orders alone).
 */
class OrdersIT {

  @RegisterExtension
  static final MemberExtension member = new MemberExtension(Map.of(ConfigKeys.ORDERS_REHEARSAL_SECONDS.name(), "1"));

  @BeforeAll
  static void start() {
    pool = PostgresSetup.pool(member.vertx(), member.node().config(), "orders-it");
    creatorId = member.api().signUp(ApiClient.unique("maker"), "creator").getString("userId");
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  private static Pool pool;
  private static String creatorId;

  @Test
  void theRehearsalBeforeTheStartLeftNoOrderAndNoCounter() {
    assertThat(TestInfra.get().recordsWritten(member.vertx(), Topics.ORDER_REHEARSALS)).as("records of the rehearsal")
        .isPositive();
    var rehearsed = Await.result(pool.query("SELECT count(*) FROM orders WHERE drop_id LIKE 'rehearsal-%'").execute());
    assertThat(rehearsed.iterator().next().getLong(0)).isZero();
    Response left = redis(Request.cmd(Command.KEYS).arg(prefix() + "rehearsal:*"));
    left.forEach(key -> assertThat(key.toString()).as("only idempotency records wait to expire").contains(":idem:"));
  }

  @Test
  void anOrderIsReservedAnsweredPendingAndBecomesConfirmed() {
    DropFixture drop = liveDrop(10, 2);
    String fan = member.api().signUp(ApiClient.unique("fan"), "fan").getString("accessToken");

    HttpResponse<Buffer> placed = order(fan, "key-1", drop, 1);

    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    JsonObject order = placed.bodyAsJsonObject();
    assertThat(order.getString("status")).isEqualTo("PENDING");
    assertThat(order.getLong("priceCents")).isEqualTo(2500);
    assertThat(order.getString("currency")).isEqualTo("EUR");
    assertThat(order.fieldNames()).containsExactlyInAnyOrder("id", "userId", "dropId", "productId", "quantity",
        "priceCents", "currency", "status", "createdAt", "updatedAt");
    Poll.until("the order is confirmed", () -> "CONFIRMED".equals(getOrder(fan, order.getString("id"))));
    String metrics = member.api().get("/metrics", null).bodyAsString();
    for (String step : List.of("reserve", "kafka", "complete")) {
      assertThat(metrics).as("the time of the %s step is measured", step)
          .containsPattern("stampede_orders_step_seconds_count\\{step=\"" + step + "\"[^}]*} [1-9]");
    }
    // The persister reports its backlog; it has none once it has written the order.
    Poll.until("the persister reports no backlog", () -> member.api().get("/metrics", null).bodyAsString()
        .matches("(?s).*stampede_kafka_consumer_lag_records\\{group=\"orders-persister\"[^}]*} 0\\.0\n.*"));

    String stranger = member.api().signUp(ApiClient.unique("stranger"), "fan").getString("accessToken");
    assertProblem(member.api().get("/orders/" + order.getString("id"), stranger), 404, "NOT_FOUND");
    assertThat(count("SELECT count(*) FROM orders WHERE drop_id = $1", drop.dropId())).isEqualTo(1);
  }

  @Test
  void aConfirmedOrderIsReadFromItsRedisCopyAndAPendingCopyDefersToPostgres() {
    DropFixture drop = liveDrop(10, 2);
    String fan = member.api().signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
    String id = order(fan, "copied", drop, 1).bodyAsJsonObject().getString("id");
    Poll.until("the order is confirmed", () -> "CONFIRMED".equals(getOrder(fan, id)));
    JsonObject durable = member.api().get("/orders/" + id, fan).bodyAsJsonObject();

    assertThat(copyOf(id)).as("the persister refreshed the copy with the row it wrote").isEqualTo(durable);

    // Marked copies tell which store answered.
    writeCopy(id, durable.copy().put("priceCents", 1));
    assertThat(member.api().get("/orders/" + id, fan).bodyAsJsonObject().getLong("priceCents"))
        .as("a CONFIRMED copy answers without Postgres").isEqualTo(1);
    writeCopy(id, durable.copy().put("priceCents", 1).put("status", "PENDING"));
    assertThat(member.api().get("/orders/" + id, fan).bodyAsJsonObject())
        .as("a PENDING copy may be stale: Postgres answers").isEqualTo(durable);
    String stranger = member.api().signUp(ApiClient.unique("stranger"), "fan").getString("accessToken");
    writeCopy(id, durable);
    assertProblem(member.api().get("/orders/" + id, stranger), 404, "NOT_FOUND");
  }

  @Test
  void theSameKeyAnswersTheFirstAnswerAndAnotherBodyUnderItIs422() {
    DropFixture drop = liveDrop(10, 5);
    String fan = member.api().signUp(ApiClient.unique("fan"), "fan").getString("accessToken");

    JsonObject first = order(fan, "same", drop, 1).bodyAsJsonObject();
    HttpResponse<Buffer> again = order(fan, "same", drop, 1);

    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(first.getString("id"));
    assertProblem(order(fan, "same", drop, 2), 422, "IDEMPOTENCY_KEY_REUSED");
    assertThat(remaining(drop)).isEqualTo(9);
  }

  @Test
  void aKeyReusedForAnotherDropIs422AndTheFirstOrderStands() {
    DropFixture first = liveDrop(10, 5);
    DropFixture second = liveDrop(10, 5);
    String fan = member.api().signUp(ApiClient.unique("fan"), "fan").getString("accessToken");

    JsonObject order = order(fan, "reused", first, 1).bodyAsJsonObject();
    assertProblem(order(fan, "reused", second, 1), 422, "IDEMPOTENCY_KEY_REUSED");

    assertThat(remaining(second)).as("nothing reserved on the second drop").isEqualTo(10);
    assertThat(order(fan, "reused", first, 1).bodyAsJsonObject().getString("id")).isEqualTo(order.getString("id"));
    Poll.until("the first order is confirmed", () -> "CONFIRMED".equals(getOrder(fan, order.getString("id"))));
  }

  @Test
  void limitsStockAndTheDropStateAreEnforced() {
    DropFixture drop = liveDrop(3, 2);
    String ann = member.api().signUp(ApiClient.unique("ann"), "fan").getString("accessToken");
    String bob = member.api().signUp(ApiClient.unique("bob"), "fan").getString("accessToken");

    assertThat(order(ann, "a1", drop, 2).statusCode()).isEqualTo(201);
    assertProblem(order(ann, "a2", drop, 1), 409, "LIMIT_EXCEEDED");
    assertProblem(order(bob, "b1", drop, 2), 409, "SOLD_OUT");
    JsonObject bobs = order(bob, "b2", drop, 1).bodyAsJsonObject();
    assertThat(remaining(drop)).isZero();

    sync(drop, DropStatus.DROP_STATUS_ENDED, 10);
    String cat = member.api().signUp(ApiClient.unique("cat"), "fan").getString("accessToken");
    assertProblem(order(cat, "c1", drop, 1), 409, "DROP_NOT_LIVE");
    assertThat(order(bob, "b2", drop, 1).bodyAsJsonObject().getString("id")).as("a replay after the end")
        .isEqualTo(bobs.getString("id"));
  }

  @Test
  void aReplayAfterTheRedisKeyExpiredGetsTheFirstAnswerFromPostgres() {
    DropFixture drop = liveDrop(5, 5);
    String fan = member.api().signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
    String userId = userIdOf(fan);
    JsonObject first = order(fan, "durable", drop, 1).bodyAsJsonObject();
    Poll.until("the order is confirmed", () -> "CONFIRMED".equals(getOrder(fan, first.getString("id"))));

    redis(Request.cmd(Command.DEL).arg(prefix() + "{drop:" + drop.dropId() + "}:idem:" + userId + ":durable"));
    sync(drop, DropStatus.DROP_STATUS_ENDED, 10);

    HttpResponse<Buffer> replay = order(fan, "durable", drop, 1);
    assertThat(replay.statusCode()).isEqualTo(201);
    assertThat(replay.bodyAsJsonObject().getString("id")).isEqualTo(first.getString("id"));
  }

  @Test
  void aCancelReturnsTheStockExactlyOnceHoweverOftenItIsSent() {
    DropFixture drop = liveDrop(10, 5);
    String fan = member.api().signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
    String orderId = order(fan, "to-cancel", drop, 3).bodyAsJsonObject().getString("id");
    Poll.until("the order is confirmed", () -> "CONFIRMED".equals(getOrder(fan, orderId)));
    assertThat(remaining(drop)).isEqualTo(7);
    assertThat(held(drop)).as("units Postgres counts as held").isEqualTo(3);

    // Six at once: within the buyer's own order bucket (a burst of 10), so none is rate limited.
    List<HttpResponse<Buffer>> cancels = Await.result(io.vertx.core.Future.all(java.util.stream.IntStream.range(0, 6)
        .mapToObj(i -> member.web().post("/orders/" + orderId + "/cancel").bearerTokenAuthentication(fan).send()).toList())).list();

    assertThat(cancels).allSatisfy(c -> {
      assertThat(c.statusCode()).as(c.bodyAsString()).isEqualTo(200);
      assertThat(c.bodyAsJsonObject().getString("status")).isEqualTo("CANCELLED");
    });
    assertThat(remaining(drop)).isEqualTo(10);
    assertThat(held(drop)).as("units Postgres counts as held after six cancels").isZero();
    assertThat(copyOf(orderId)).as("the CONFIRMED copy is forgotten").isNull();
    assertThat(getOrder(fan, orderId)).isEqualTo("CANCELLED");
    String stranger = member.api().signUp(ApiClient.unique("stranger"), "fan").getString("accessToken");
    assertProblem(Await.result(member.web().post("/orders/" + orderId + "/cancel").bearerTokenAuthentication(stranger).send()),
        404, "NOT_FOUND");
    // The units are back on sale and the buyer's own allowance too.
    assertThat(order(fan, "after-cancel", drop, 5).statusCode()).isEqualTo(201);
  }

  @Test
  void theBuyerListsTheirOrdersNewestFirst() {
    DropFixture drop = liveDrop(10, 5);
    String fan = member.api().signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
    List<String> placed = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      placed.add(0, order(fan, "list-" + i, drop, 1).bodyAsJsonObject().getString("id"));
    }
    Poll.until("all confirmed", () -> member.api().get("/orders?limit=100", fan).bodyAsJsonObject().getJsonArray("items").size() == 3);

    JsonObject first = member.api().get("/orders?limit=2", fan).bodyAsJsonObject();
    JsonObject second = member.api().get("/orders?limit=2&cursor=" + first.getString("nextCursor"), fan).bodyAsJsonObject();

    List<String> listed = new java.util.ArrayList<>();
    first.getJsonArray("items").forEach(o -> listed.add(((JsonObject) o).getString("id")));
    second.getJsonArray("items").forEach(o -> listed.add(((JsonObject) o).getString("id")));
    assertThat(listed).containsExactlyElementsOf(placed);
    assertThat(second.getValue("nextCursor")).isNull();
    String stranger = member.api().signUp(ApiClient.unique("stranger"), "fan").getString("accessToken");
    assertThat(member.api().get("/orders", stranger).bodyAsJsonObject().getJsonArray("items")).isEmpty();
  }

  @Test
  void noCancelOnceTheDropIsOver() {
    DropFixture drop = liveDrop(10, 5);
    String fan = member.api().signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
    String orderId = order(fan, "kept", drop, 1).bodyAsJsonObject().getString("id");
    Poll.until("the order is confirmed", () -> "CONFIRMED".equals(getOrder(fan, orderId)));
    sync(drop, DropStatus.DROP_STATUS_ENDED, 10);

    assertProblem(Await.result(member.web().post("/orders/" + orderId + "/cancel").bearerTokenAuthentication(fan).send()),
        409, "DROP_NOT_LIVE");
    assertThat(getOrder(fan, orderId)).isEqualTo("CONFIRMED");
  }

  @Test
  void badOrdersAre4xx() {
    DropFixture drop = liveDrop(5, 5);
    String fan = member.api().signUp(ApiClient.unique("fan"), "fan").getString("accessToken");

    HttpResponse<Buffer> noKey = Await.result(member.web().post("/orders").bearerTokenAuthentication(fan)
        .sendJsonObject(body(drop, 1)));
    assertProblem(noKey, 400, "VALIDATION_FAILED");
    assertProblem(order(fan, "z1", drop, 0), 400, "VALIDATION_FAILED");
    assertProblem(order(fan, "z2", new DropFixture(member.node(), "no-such-drop", drop.productId(), 1, 1, 1), 1), 404, "NOT_FOUND");
    assertProblem(order(fan, "z3", new DropFixture(member.node(), drop.dropId(), "no-such-product", 1, 1, 1), 1), 404, "NOT_FOUND");
    assertProblem(Await.result(member.web().post("/orders").putHeader("Idempotency-Key", "k").sendJsonObject(body(drop, 1))),
        401, "UNAUTHORIZED");
  }

  private static DropFixture liveDrop(int stock, int perUserLimit) {
    return DropFixture.live(member.node(), pool, creatorId, stock, perUserLimit, 2500);
  }

  private static void sync(DropFixture drop, DropStatus status, long version) {
    assertThat(drop.sync(status, version)).isTrue();
  }

  private static HttpResponse<Buffer> order(String token, String key, DropFixture drop, int quantity) {
    return Await.result(member.web().post("/orders").bearerTokenAuthentication(token).putHeader("Idempotency-Key", key)
        .sendJsonObject(body(drop, quantity)));
  }

  private static JsonObject body(DropFixture drop, int quantity) {
    return new JsonObject().put("dropId", drop.dropId()).put("productId", drop.productId()).put("quantity", quantity);
  }

  private static String getOrder(String token, String id) {
    HttpResponse<Buffer> response = member.api().get("/orders/" + id, token);
    return response.statusCode() == 200 ? response.bodyAsJsonObject().getString("status") : "HTTP " + response.statusCode();
  }

  private static int remaining(DropFixture drop) {
    return redis(Request.cmd(Command.HGET).arg(prefix() + "{drop:" + drop.dropId() + "}:item:" + drop.productId())
        .arg("remaining")).toInteger();
  }

  /** The buyer's copy of an order in Redis, or null. */
  private static JsonObject copyOf(String orderId) {
    Response copy = redis(Request.cmd(Command.GET).arg(prefix() + "order:" + orderId));
    return copy == null ? null : new JsonObject(copy.toString());
  }

  private static void writeCopy(String orderId, JsonObject order) {
    redis(Request.cmd(Command.SET).arg(prefix() + "order:" + orderId).arg(order.encode()).arg("KEEPTTL"));
  }

  /** One command on a client of its own, so a test never shares the member's connections. */
  private static Response redis(Request command) {
    var redis = io.stampede.platform.infra.RedisSetup.client(member.vertx(), member.node().config());
    try {
      return Await.result(redis.send(command));
    } finally {
      redis.close();
    }
  }

  private static String prefix() {
    return member.node().config().get(ConfigKeys.REDIS_KEY_PREFIX);
  }

  /** The running count the database keeps per item, which the reconciler compares with the counter. */
  private static long held(DropFixture drop) {
    return Await.result(pool.preparedQuery("SELECT held FROM drop_items WHERE drop_id = $1 AND product_id = $2")
        .execute(Tuple.of(drop.dropId(), drop.productId()))).iterator().next().getLong(0);
  }

  private static long count(String sql, String arg) {
    return Await.result(pool.preparedQuery(sql).execute(Tuple.of(arg))).iterator().next().getLong(0);
  }

  private static String userIdOf(String token) {
    return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]))).getString("sub");
  }
}
