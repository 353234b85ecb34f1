package io.stampede.launcher;

import static io.stampede.launcher.AuthIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.stampede.testing.Poll;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every write route tried as the wrong user: 403, or 404 where the contract hides what exists. */
class AuthorizationIT {

  @RegisterExtension
  static final MemberExtension member = new MemberExtension();

  private static JsonObject owner;
  private static JsonObject creatorOther;
  private static JsonObject fan;
  private static String productId;
  private static String dropId;
  private static String hookId;

  @BeforeAll
  static void resources() {
    ApiClient api = member.api();
    owner = api.signUp(ApiClient.unique("owner"), "creator");
    creatorOther = api.signUp(ApiClient.unique("rival"), "creator");
    fan = api.signUp(ApiClient.unique("fan"), "fan");
    String ownerToken = owner.getString("accessToken");
    productId = api.post("/creators/" + owner.getString("userId") + "/products", new JsonObject().put("name", "Tee")
        .put("description", "A tee").put("priceCents", 2000).put("currency", "EUR"), ownerToken)
        .bodyAsJsonObject().getString("id");
    dropId = api.post("/creators/" + owner.getString("userId") + "/drops", new JsonObject()
        .put("startsAt", Instant.now().plusSeconds(3600).toString())
        .put("items", new JsonArray().add(new JsonObject().put("productId", productId).put("stock", 5)
            .put("perUserLimit", 1))), ownerToken).bodyAsJsonObject().getString("id");
    hookId = api.post("/users/" + owner.getString("userId") + "/webhooks", new JsonObject()
        .put("url", "http://127.0.0.1:9/hook").put("events", new JsonArray().add("user.updated")), ownerToken)
        .bodyAsJsonObject().getString("id");
    assertThat(api.post("/users/" + owner.getString("userId") + "/devices",
        new JsonObject().put("fcmToken", "owner-device").put("platform", "ios"), ownerToken).statusCode()).isEqualTo(201);
  }

  @Test
  void othersCannotWriteAUsersProfileDevicesOrWebhooks() {
    String user = "/users/" + owner.getString("userId");
    for (JsonObject other : new JsonObject[] {creatorOther, fan}) {
      String token = other.getString("accessToken");
      assertProblem(member.api().patch(user, new JsonObject().put("bio", "mine now"), token), 403, "FORBIDDEN");
      assertProblem(member.api().post(user + "/devices", new JsonObject().put("fcmToken", "x").put("platform", "web"),
          token), 403, "FORBIDDEN");
      assertProblem(member.api().delete(user + "/devices/owner-device", token), 403, "FORBIDDEN");
      assertProblem(member.api().post(user + "/webhooks", new JsonObject().put("url", "http://127.0.0.1:9/x")
          .put("events", new JsonArray().add("follow.created")), token), 403, "FORBIDDEN");
      assertProblem(member.api().get(user + "/webhooks", token), 403, "FORBIDDEN");
      assertProblem(member.api().delete(user + "/webhooks/" + hookId, token), 403, "FORBIDDEN");
    }
    var hooks = member.api().get(user + "/webhooks", owner.getString("accessToken")).bodyAsJsonObject();
    assertThat(hooks.getJsonArray("items")).hasSize(1);
    assertThat(hooks.getJsonArray("items").getJsonObject(0).containsKey("secret")).as("secrets are shown once").isFalse();
  }

  @Test
  void othersCannotWriteACreatorsProductsOrDrops() {
    String creator = "/creators/" + owner.getString("userId");
    JsonObject product = new JsonObject().put("name", "Fake").put("description", "no").put("priceCents", 1)
        .put("currency", "EUR");
    JsonObject drop = new JsonObject().put("startsAt", Instant.now().plusSeconds(3600).toString())
        .put("items", new JsonArray().add(new JsonObject().put("productId", productId).put("stock", 1)
            .put("perUserLimit", 1)));
    for (JsonObject other : new JsonObject[] {creatorOther, fan}) {
      String token = other.getString("accessToken");
      assertProblem(member.api().post(creator + "/products", product, token), 403, "FORBIDDEN");
      assertProblem(member.api().post(creator + "/drops", drop, token), 403, "FORBIDDEN");
      assertProblem(member.api().post("/drops/" + dropId + "/cancel", new JsonObject(), token), 403, "FORBIDDEN");
    }
  }

  @Test
  void anotherBuyersOrderIsNotFound() {
    DropFixture live = DropFixture.live(member.node(), io.stampede.platform.infra.PostgresSetup.pool(member.vertx(),
        member.node().config(), "authorization-it"), owner.getString("userId"), 5, 1, 100);
    String buyer = member.api().signUp(ApiClient.unique("buyer"), "fan").getString("accessToken");
    String orderId = member.api().placeOrder(buyer, "k1", new JsonObject().put("dropId", live.dropId())
        .put("productId", live.productId()).put("quantity", 1)).bodyAsJsonObject().getString("id");
    Poll.until("the order is confirmed", () -> "CONFIRMED".equals(member.api().get("/orders/" + orderId, buyer)
        .bodyAsJsonObject().getString("status")));
    String token = fan.getString("accessToken");
    assertProblem(member.api().get("/orders/" + orderId, token), 404, "NOT_FOUND");
    assertProblem(member.api().post("/orders/" + orderId + "/cancel", new JsonObject(), token), 404, "NOT_FOUND");
  }

  @Test
  void theOwnerManagesDevicesAndWebhooks() {
    String user = "/users/" + owner.getString("userId");
    String token = owner.getString("accessToken");
    assertThat(member.api().delete(user + "/devices/owner-device", token).statusCode()).isEqualTo(204);
    assertThat(member.api().delete(user + "/devices/owner-device", token).statusCode()).as("idempotent").isEqualTo(204);
    assertProblem(member.api().post(user + "/devices", new JsonObject().put("fcmToken", "t").put("platform", "windows"),
        token), 400, "VALIDATION_FAILED");
    assertProblem(member.api().post(user + "/webhooks", new JsonObject().put("url", "ftp://example.com/")
        .put("events", new JsonArray().add("user.updated")), token), 400, "VALIDATION_FAILED");
    assertProblem(member.api().post(user + "/webhooks", new JsonObject().put("url", "http://127.0.0.1:9/")
        .put("events", new JsonArray().add("order.placed")), token), 400, "VALIDATION_FAILED");
    String extra = member.api().post(user + "/webhooks", new JsonObject().put("url", "http://127.0.0.1:9/extra")
        .put("events", new JsonArray().add("follow.deleted")), token).bodyAsJsonObject().getString("id");
    assertThat(member.api().delete(user + "/webhooks/" + extra, token).statusCode()).isEqualTo(204);
    assertProblem(member.api().delete(user + "/webhooks/" + extra, token), 404, "NOT_FOUND");
  }
}
