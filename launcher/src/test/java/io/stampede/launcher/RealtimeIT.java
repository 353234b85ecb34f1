package io.stampede.launcher;

import static io.stampede.launcher.WsClient.dropEvent;
import static io.stampede.launcher.WsClient.orderStatus;
import static io.stampede.launcher.WsClient.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.stampede.contracts.events.Topics;
import io.stampede.notifications.events.NotificationRelayVerticle;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /ws} against one member, as a client written from API.md would use it. */
class RealtimeIT {

  @RegisterExtension
  static final MemberExtension member = new MemberExtension(Map.of(ConfigKeys.RATELIMIT_ENABLED.name(), "false"));

  private static WebSocketClient sockets;

  @BeforeAll
  static void client() {
    sockets = WsClient.client(member.vertx(), 1200);
  }

  @AfterAll
  static void closeClient() {
    Await.result(sockets.close());
  }

  @Test
  void aThousandSubscribersAllSeeTheDropGoLiveAndSellOut() {
    List<Future<WsClient>> opening = new ArrayList<>();
    IntStream.range(0, 1000).forEach(i -> opening.add(WsClient.open(sockets, port(), null)));
    List<WsClient> fans = Await.result(Future.all(opening)).list();
    fans.forEach(f -> f.send(new JsonObject().put("type", "subscribe").put("topic", "drops")));
    Poll.until("1,000 subscriptions acknowledged", () -> fans.stream().allMatch(f -> f.has(type("subscribed"))));

    JsonObject creator = member.api().signUp(ApiClient.unique("maker"), "creator");
    String productId = member.api().createProduct(creator, "Sneaker", 12000);
    String dropId = member.api().scheduleDrop(creator, productId, Instant.now().plusSeconds(2), 1, 1);

    Poll.until("every socket has drop.live", () -> fans.stream().allMatch(f -> f.has(dropEvent("drop.live", dropId))));
    String buyer = member.api().signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
    assertThat(member.api().placeOrder(buyer, "k1", order(dropId, productId)).statusCode()).isEqualTo(201);
    Poll.until("every socket has drop.sold_out",
        () -> fans.stream().allMatch(f -> f.has(dropEvent("drop.sold_out", dropId))));

    JsonObject live = fans.get(0).await("live", dropEvent("drop.live", dropId)).getJsonObject("drop");
    assertThat(live.getString("status")).isEqualTo("LIVE");
    assertThat(live.getJsonArray("items").getJsonObject(0).getString("productId")).isEqualTo(productId);
    assertThat(fans).allMatch(f -> f.all(dropEvent("drop.live", dropId)).size() == 1);
    fans.forEach(WsClient::close);
  }

  @Test
  void theBuyerSeesEachStatusOfTheirOrderOnceAndInOrder() {
    JsonObject creator = member.api().signUp(ApiClient.unique("maker"), "creator");
    String productId = member.api().createProduct(creator, "Hoodie", 5000);
    String dropId = member.api().scheduleDrop(creator, productId, Instant.now().plusSeconds(2), 10, 2);
    JsonObject buyer = member.api().signUp(ApiClient.unique("fan"), "fan");
    JsonObject other = member.api().signUp(ApiClient.unique("fan"), "fan");

    WsClient mine = WsClient.connect(sockets, port(), null)
        .send(new JsonObject().put("type", "auth").put("token", buyer.getString("accessToken")));
    mine.await("signed in", type("authenticated"));
    mine.subscribe("drop:" + dropId);
    WsClient theirs = WsClient.connect(sockets, port(), other.getString("accessToken"));
    theirs.await("signed in", type("authenticated"));
    mine.await("live", dropEvent("drop.live", dropId));

    var placed = member.api().placeOrder(buyer.getString("accessToken"), "once", order(dropId, productId));
    assertThat(placed.statusCode()).isEqualTo(201);
    String orderId = placed.bodyAsJsonObject().getString("id");
    mine.await("CONFIRMED", orderStatus(orderId, "CONFIRMED"));
    assertThat(member.api().post("/orders/" + orderId + "/cancel", new JsonObject(), buyer.getString("accessToken"))
        .statusCode()).isEqualTo(200);
    JsonObject cancelled = mine.await("CANCELLED", orderStatus(orderId, "CANCELLED")).getJsonObject("order");
    Poll.until("the notification service read every event", () -> GroupLag.of(member.node().kafkaBootstrap(),
        NotificationRelayVerticle.GROUP, List.of(Topics.ORDER_EVENTS, Topics.DROP_EVENTS)) == 0);

    assertThat(cancelled.getLong("priceCents")).isEqualTo(5000);
    assertThat(cancelled.getString("currency")).isEqualTo("EUR");
    // PENDING is in the 201 already; its socket copy comes from Kafka and may lose the race to the
    // direct CONFIRMED, in which case it is dropped rather than told after it (never backwards).
    List<String> told = mine.all(m -> "order.updated".equals(m.getString("type"))
        && orderId.equals(m.getJsonObject("order").getString("id")))
        .stream().map(m -> m.getJsonObject("order").getString("status")).toList();
    assertThat(told).isIn(List.of("PENDING", "CONFIRMED", "CANCELLED"), List.of("CONFIRMED", "CANCELLED"));
    assertThat(theirs.all(type("order.updated"))).isEmpty();
    mine.close();
    theirs.close();
  }

  @Test
  void stockUpdatesComeAtMostFourTimesASecondAndEndWithTheFinalValue() {
    JsonObject creator = member.api().signUp(ApiClient.unique("maker"), "creator");
    String productId = member.api().createProduct(creator, "Cap", 1500);
    String dropId = member.api().scheduleDrop(creator, productId, Instant.now().plusSeconds(2), 1000, 1000);
    WsClient watcher = WsClient.connect(sockets, port(), null).subscribe("drop:" + dropId);
    watcher.await("live", dropEvent("drop.live", dropId));
    List<String> buyers = IntStream.range(0, 20)
        .mapToObj(i -> member.api().signUp(ApiClient.unique("fan"), "fan").getString("accessToken")).toList();

    List<Future<HttpResponse<Buffer>>> orders = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      orders.add(member.web().post("/orders").bearerTokenAuthentication(buyers.get(i % 20))
          .putHeader("Idempotency-Key", "k" + i).sendJsonObject(order(dropId, productId)));
    }
    long sold = Await.result(Future.all(orders)).<HttpResponse<Buffer>>list().stream()
        .filter(r -> r.statusCode() == 201).count();
    int left = (int) (1000 - sold);
    watcher.await("the final stock value", m -> "stock".equals(m.getString("type")) && m.getInteger("remaining") == left);

    List<WsClient.Received> stock = watcher.timed(type("stock"));
    assertThat(sold).as("orders accepted").isPositive();
    assertThat(stock.get(stock.size() - 1).message().getInteger("remaining")).isEqualTo(left);
    for (WsClient.Received first : stock) {
      long inOneSecond = stock.stream().filter(r -> r.atMillis() >= first.atMillis()
          && r.atMillis() < first.atMillis() + 1000).count();
      assertThat(inOneSecond).as("stock messages within a second of %d", first.atMillis()).isLessThanOrEqualTo(5);
    }
    watcher.close();
  }

  @Test
  void theProtocolRefusesWhatItDoesNotKnow() {
    WsClient anonymous = WsClient.connect(sockets, port(), null);
    anonymous.send(new JsonObject().put("type", "ping"));
    anonymous.await("pong", type("pong"));
    anonymous.send(new JsonObject().put("type", "subscribe").put("topic", "users.someone.notifications"));
    anonymous.send(new JsonObject().put("type", "auth").put("token", "not-a-token"));
    anonymous.send(new JsonObject().put("type", "shout"));
    Poll.until("three errors", () -> anonymous.all(type("error")).size() == 3);
    assertThat(anonymous.all(type("error"))).extracting(m -> m.getString("code"))
        .containsExactlyInAnyOrder("VALIDATION_FAILED", "UNAUTHORIZED", "VALIDATION_FAILED");
    anonymous.close();

    var refused = Await.result(WsClient.open(sockets, port(), "not-a-token").otherwise(e -> null));
    assertThat(refused).as("a bad token in the URL is refused before the upgrade").isNull();
    var plainGet = member.api().get("/ws", null);
    assertThat(plainGet.statusCode()).isEqualTo(400);
    assertThat(plainGet.getHeader("content-type")).startsWith("application/problem+json");
  }

  private static JsonObject order(String dropId, String productId) {
    return new JsonObject().put("dropId", dropId).put("productId", productId).put("quantity", 1);
  }

  private static int port() {
    return member.node().httpPort();
  }
}
