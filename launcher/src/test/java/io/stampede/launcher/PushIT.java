package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.stampede.contracts.events.Topics;
import io.stampede.notifications.events.NotificationRelayVerticle;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.testing.Await;
import io.stampede.testing.FcmStandIn;
import io.stampede.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mobile push through the Firebase Admin SDK, aimed at a local stand-in of the FCM HTTP v1 API. */
class PushIT {

  private static final Vertx STAND_IN_VERTX = Vertx.vertx();
  private static final FcmStandIn FCM = FcmStandIn.start(STAND_IN_VERTX);

  @RegisterExtension
  static final MemberExtension member = new MemberExtension(Map.of(
      ConfigKeys.PUSH_ENABLED.name(), "true",
      ConfigKeys.PUSH_FCM_ENDPOINT.name(), FCM.baseUrl()));

  @AfterAll
  static void stopStandIn() {
    FCM.close();
    Await.result(STAND_IN_VERTX.close());
  }

  @Test
  void aLiveDropReachesEveryDeviceOfEveryFollowerAndForgetsUnregisteredTokens() {
    ApiClient api = member.api();
    JsonObject creator = api.signUp(ApiClient.unique("maker"), "creator");
    JsonObject one = follower(creator);
    JsonObject two = follower(creator);
    JsonObject gone = follower(creator);
    JsonObject stranger = api.signUp(ApiClient.unique("fan"), "fan");
    String oneToken = device(one, "a");
    String twoPhone = device(two, "phone");
    String twoTablet = device(two, "tablet");
    String goneToken = device(gone, "old");
    String strangerToken = device(stranger, "x");
    FCM.unregister(goneToken);

    String productId = api.createProduct(creator, "Poster", 2500);
    String dropId = api.scheduleDrop(creator, productId, Instant.now().plusSeconds(2), 5, 1);

    List<String> followers = List.of(oneToken, twoPhone, twoTablet, goneToken);
    Poll.until("every follower device got the drop", () -> followers.stream()
        .allMatch(t -> FCM.messagesTo(t).stream().anyMatch(m -> isDropLive(m, dropId))));
    assertThat(FCM.messagesTo(strangerToken)).isEmpty();
    JsonObject pushed = FCM.messagesTo(oneToken).get(0);
    assertThat(pushed.getJsonObject("notification").getString("title")).isNotBlank();

    Pool pool = PostgresSetup.pool(member.vertx(), member.node().config(), "push-it");
    Poll.until("the unregistered token is forgotten", () -> Await.result(pool
        .preparedQuery("SELECT count(*) FROM devices WHERE fcm_token = $1").execute(Tuple.of(goneToken)))
        .iterator().next().getLong(0) == 0);
    assertThat(Await.result(pool.preparedQuery("SELECT count(*) FROM devices WHERE fcm_token = $1")
        .execute(Tuple.of(oneToken))).iterator().next().getLong(0)).isEqualTo(1);
    Await.result(pool.close());
  }

  @Test
  void anOrdersStatusChangesArePushedToTheBuyerOnce() {
    ApiClient api = member.api();
    JsonObject creator = api.signUp(ApiClient.unique("maker"), "creator");
    JsonObject buyer = api.signUp(ApiClient.unique("fan"), "fan");
    String token = device(buyer, "phone");
    String productId = api.createProduct(creator, "Mug", 1200);
    String dropId = api.scheduleDrop(creator, productId, Instant.now().plusSeconds(2), 5, 1);
    Poll.until("live", () -> "LIVE".equals(api.get("/drops/" + dropId, null).bodyAsJsonObject().getString("status")));

    var placed = api.placeOrder(buyer.getString("accessToken"), "k",
        new JsonObject().put("dropId", dropId).put("productId", productId).put("quantity", 1));
    assertThat(placed.statusCode()).isEqualTo(201);
    String orderId = placed.bodyAsJsonObject().getString("id");
    Poll.until("CONFIRMED pushed", () -> FCM.messagesTo(token).stream().anyMatch(m -> isOrder(m, orderId, "CONFIRMED")));
    Poll.until("every event read", () -> GroupLag.of(member.node().kafkaBootstrap(), NotificationRelayVerticle.GROUP,
        List.of(Topics.ORDER_EVENTS)) == 0);

    // PENDING may lose the race to the direct CONFIRMED; then it is dropped rather than pushed late.
    assertThat(FCM.messagesTo(token).stream().filter(m -> isOrder(m, orderId, "PENDING")).count()).isLessThanOrEqualTo(1);
    assertThat(FCM.messagesTo(token).stream().filter(m -> isOrder(m, orderId, "CONFIRMED"))).hasSize(1);
  }

  private JsonObject follower(JsonObject creator) {
    JsonObject fan = member.api().signUp(ApiClient.unique("fan"), "fan");
    assertThat(member.api().post("/users/" + creator.getString("userId") + "/follow", new JsonObject(), fan.getString("accessToken"))
        .statusCode()).isEqualTo(204);
    return fan;
  }

  private String device(JsonObject user, String name) {
    String token = "fcm-" + name + "-" + user.getString("userId");
    var registered = member.api().post("/users/" + user.getString("userId") + "/devices",
        new JsonObject().put("fcmToken", token).put("platform", "android"), user.getString("accessToken"));
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    return token;
  }

  private static boolean isDropLive(JsonObject message, String dropId) {
    JsonObject data = message.getJsonObject("data", new JsonObject());
    return "drop.live".equals(data.getString("type")) && dropId.equals(data.getString("dropId"));
  }

  private static boolean isOrder(JsonObject message, String orderId, String status) {
    JsonObject data = message.getJsonObject("data", new JsonObject());
    return "order.updated".equals(data.getString("type")) && orderId.equals(data.getString("orderId"))
        && status.equals(data.getString("status"));
  }
}
