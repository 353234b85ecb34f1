package io.stampede.launcher;

import static io.stampede.launcher.AuthIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.stampede.contracts.events.DropChanged;
import io.stampede.contracts.events.EventCodec;
import io.stampede.contracts.events.EventEnvelope;
import io.stampede.contracts.events.Events;
import io.stampede.contracts.events.Topics;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A creator schedules a drop, it goes live on time exactly once across two members, fans order. */
class DropsIT {

  private static Node a;
  private static Node b;
  private static Vertx vertx;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    a = Members.start("gateway,auth,users,creators,drops,orders,notifications");
    b = Members.join(a, "drops,orders");
    vertx = Vertx.vertx();
    api = new ApiClient(vertx, a);
  }

  @AfterAll
  static void stop() {
    Members.stop(b);
    Members.stop(a);
    vertx.close();
  }

  @Test
  void aScheduledDropGoesLiveOnTimeExactlyOnceAndSells() {
    JsonObject creator = api.signUp(ApiClient.unique("maker"), "creator");
    String productId = product(creator, "Jacket", 9900);
    Instant startsAt = Instant.now().plusSeconds(2);

    HttpResponse<Buffer> created = api.post("/creators/" + creator.getString("userId") + "/drops",
        drop(startsAt, null, productId, 3, 2), creator.getString("accessToken"));

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject drop = created.bodyAsJsonObject();
    String dropId = drop.getString("id");
    assertThat(drop.getString("status")).isEqualTo("SCHEDULED");
    JsonObject item = drop.getJsonArray("items").getJsonObject(0);
    assertThat(item.getInteger("remaining")).isEqualTo(3);
    assertThat(item.getString("name")).isEqualTo("Jacket");
    assertThat(item.getLong("priceCents")).isEqualTo(9900);

    String fan = api.signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
    assertProblem(order(fan, "early", dropId, productId, 1), 409, "DROP_NOT_LIVE");
    assertThat(upcomingIds()).contains(dropId);

    Poll.until("the drop is live", () -> "LIVE".equals(api.get("/drops/" + dropId, null).bodyAsJsonObject().getString("status")));
    assertThat(Instant.now()).isAfterOrEqualTo(startsAt);
    // A drop that reads LIVE takes orders: the order service hears of it before Postgres commits it.
    assertThat(order(fan, "now", dropId, productId, 2).statusCode()).isEqualTo(201);
    assertThat(dropEvents(dropId, 2)).containsExactly("SCHEDULED", "LIVE");
    assertThat(api.get("/drops/" + dropId, null).bodyAsJsonObject().getJsonArray("items").getJsonObject(0)
        .getInteger("remaining")).isEqualTo(1);

    // The last unit: the drop sells out, once, and later buyers hear SOLD_OUT.
    String other = api.signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
    assertThat(order(other, "last", dropId, productId, 1).statusCode()).isEqualTo(201);
    Poll.until("the drop is sold out",
        () -> "SOLD_OUT".equals(api.get("/drops/" + dropId, null).bodyAsJsonObject().getString("status")));
    assertProblem(order(api.signUp(ApiClient.unique("fan"), "fan").getString("accessToken"), "x", dropId, productId, 1),
        409, "SOLD_OUT");

    List<String> statuses = dropEvents(dropId, 3);
    assertThat(statuses).containsExactly("SCHEDULED", "LIVE", "SOLD_OUT");
  }

  @Test
  void onlyTheCreatorCancelsAndOnlyBeforeLive() {
    JsonObject creator = api.signUp(ApiClient.unique("maker"), "creator");
    JsonObject rival = api.signUp(ApiClient.unique("rival"), "creator");
    String productId = product(creator, "Scarf", 1500);
    String dropId = api.post("/creators/" + creator.getString("userId") + "/drops",
        drop(Instant.now().plusSeconds(3600), null, productId, 10, 1), creator.getString("accessToken"))
        .bodyAsJsonObject().getString("id");

    assertProblem(api.post("/drops/" + dropId + "/cancel", new JsonObject(), rival.getString("accessToken")), 403, "FORBIDDEN");
    HttpResponse<Buffer> cancelled = api.post("/drops/" + dropId + "/cancel", new JsonObject(), creator.getString("accessToken"));
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("CANCELLED");
    assertProblem(api.post("/drops/" + dropId + "/cancel", new JsonObject(), creator.getString("accessToken")), 409, "CONFLICT");
    assertProblem(api.post("/drops/nope/cancel", new JsonObject(), creator.getString("accessToken")), 404, "NOT_FOUND");
    String fan = api.signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
    assertProblem(order(fan, "k", dropId, productId, 1), 409, "DROP_NOT_LIVE");
    assertThat(upcomingIds()).doesNotContain(dropId);
  }

  /**
   * The schedulers sleep until the next drop is due and are woken when one is created through the
   * API; a drop no wake-up announced (here: written straight into Postgres) still goes live, once,
   * when a scheduler next looks.
   */
  @Test
  void aDropNobodyAnnouncedStillGoesLiveOnce() {
    JsonObject creator = api.signUp(ApiClient.unique("maker"), "creator");
    String productId = product(creator, "Poster", 1500);
    String dropId = UUID.randomUUID().toString();
    Pool pool = PostgresSetup.pool(vertx, a.config(), "drops-it");
    try {
      Await.result(pool.withTransaction(tx -> tx.preparedQuery(
              "INSERT INTO drops (id, creator_id, status, starts_at) VALUES ($1, $2, 'SCHEDULED', now() + interval '300 milliseconds')")
          .execute(Tuple.of(dropId, creator.getString("userId")))
          .compose(v -> tx.preparedQuery("INSERT INTO drop_items (drop_id, product_id, stock, per_user_limit) VALUES ($1, $2, 4, 2)")
              .execute(Tuple.of(dropId, productId)))));
    } finally {
      pool.close();
    }

    Poll.until("the drop is live", () -> "LIVE".equals(api.get("/drops/" + dropId, null).bodyAsJsonObject().getString("status")));
    String fan = api.signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
    assertThat(order(fan, "unannounced", dropId, productId, 1).statusCode()).isEqualTo(201);
    assertThat(dropEvents(dropId, 1)).as("one LIVE from the two members' schedulers").containsExactly("LIVE");
  }

  @Test
  void aDropEndsAtItsEnd() {
    JsonObject creator = api.signUp(ApiClient.unique("maker"), "creator");
    String productId = product(creator, "Badge", 300);
    String dropId = api.post("/creators/" + creator.getString("userId") + "/drops",
        drop(Instant.now().plusMillis(500), Instant.now().plusMillis(2500), productId, 5, 5), creator.getString("accessToken"))
        .bodyAsJsonObject().getString("id");

    Poll.until("the drop has ended", () -> "ENDED".equals(api.get("/drops/" + dropId, null).bodyAsJsonObject().getString("status")));
    String fan = api.signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
    assertProblem(order(fan, "late", dropId, productId, 1), 409, "DROP_NOT_LIVE");
  }

  @Test
  void dropsAreValidated() {
    JsonObject creator = api.signUp(ApiClient.unique("maker"), "creator");
    JsonObject other = api.signUp(ApiClient.unique("other"), "creator");
    String mine = product(creator, "Mine", 100);
    String theirs = product(other, "Theirs", 100);
    String path = "/creators/" + creator.getString("userId") + "/drops";
    String token = creator.getString("accessToken");
    Instant later = Instant.now().plusSeconds(600);

    assertProblem(api.post(path, drop(later, null, theirs, 5, 1), token), 400, "VALIDATION_FAILED");
    assertProblem(api.post(path, drop(later, later.minusSeconds(1), mine, 5, 1), token), 400, "VALIDATION_FAILED");
    assertProblem(api.post(path, drop(later, null, mine, 0, 1), token), 400, "VALIDATION_FAILED");
    assertProblem(api.post(path, drop(later, null, mine, 10_000_001, 1), token), 400, "VALIDATION_FAILED");
    assertProblem(api.post(path, drop(later, null, mine, 5, 0), token), 400, "VALIDATION_FAILED");
    assertProblem(api.post(path, new JsonObject().put("startsAt", "tomorrow").put("items", new JsonArray()), token),
        400, "VALIDATION_FAILED");
    assertProblem(api.post(path, drop(later, null, mine, 5, 1), other.getString("accessToken")), 403, "FORBIDDEN");
    assertProblem(api.get("/drops/" + UUID.randomUUID(), null), 404, "NOT_FOUND");
  }

  private static String product(JsonObject creator, String name, long price) {
    HttpResponse<Buffer> created = api.post("/creators/" + creator.getString("userId") + "/products",
        new JsonObject().put("name", name).put("description", "-").put("priceCents", price).put("currency", "EUR"),
        creator.getString("accessToken"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private static JsonObject drop(Instant startsAt, Instant endsAt, String productId, int stock, int limit) {
    JsonObject drop = new JsonObject().put("startsAt", startsAt.toString())
        .put("items", new JsonArray().add(new JsonObject().put("productId", productId).put("stock", stock)
            .put("perUserLimit", limit)));
    return endsAt == null ? drop : drop.put("endsAt", endsAt.toString());
  }

  private static HttpResponse<Buffer> order(String token, String key, String dropId, String productId, int quantity) {
    return io.stampede.testing.Await.result(io.vertx.ext.web.client.WebClient.create(vertx)
        .post(a.httpPort(), "127.0.0.1", "/orders").bearerTokenAuthentication(token).putHeader("Idempotency-Key", key)
        .sendJsonObject(new JsonObject().put("dropId", dropId).put("productId", productId).put("quantity", quantity)));
  }

  private static List<String> upcomingIds() {
    List<String> ids = new ArrayList<>();
    api.get("/drops/upcoming?limit=100", null).bodyAsJsonObject().getJsonArray("items")
        .forEach(d -> ids.add(((JsonObject) d).getString("id")));
    return ids;
  }

  /** The statuses announced on drop_events for one drop, once {@code expected} arrived and a little longer. */
  private static List<String> dropEvents(String dropId, int expected) {
    Properties props = new Properties();
    props.put("bootstrap.servers", a.kafkaBootstrap());
    props.put("group.id", "drops-it-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    List<String> statuses = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.DROP_EVENTS));
      long quietUntil = Long.MAX_VALUE;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (dropId.equals(record.key())) {
            EventEnvelope envelope = EventCodec.decode(record.value());
            DropChanged changed = Events.DROP_CHANGED.read(envelope);
            statuses.add(changed.status());
          }
        }
        if (statuses.size() >= expected && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
    }
    return statuses;
  }
}
