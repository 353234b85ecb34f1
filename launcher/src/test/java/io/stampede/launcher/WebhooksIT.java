package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.stampede.users.webhooks.WebhookSignatures;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Webhooks through the public API, delivered to a receiver on loopback (dev mode allows it). */
class WebhooksIT {

  /** What a receiver got: the headers and the body of one request. */
  private record Received(MultiMap headers, String body) {
  }

  @Test
  void aReceiverThatFailsTwiceGetsTheEventOnceAsASuccessWithTheSameIdEachTime() {
    Vertx vertx = Vertx.vertx();
    Node node = Members.start(OneMember.ALL_SERVICES);
    try {
      List<Received> received = new CopyOnWriteArrayList<>();
      AtomicInteger calls = new AtomicInteger();
      int[] answers = {500, 500, 200};
      HttpServer receiver = receiver(vertx, received, () -> answers[Math.min(calls.getAndIncrement(), 2)]);
      ApiClient api = new ApiClient(vertx, node);
      JsonObject ann = api.signUp(ApiClient.unique("ann"), "creator");
      JsonObject bob = api.signUp(ApiClient.unique("bob"), "fan");
      JsonObject hook = createHook(api, ann, "http://127.0.0.1:" + receiver.actualPort() + "/hooks", "follow.created");

      assertThat(api.post("/users/" + ann.getString("userId") + "/follow", new JsonObject(), bob.getString("accessToken"))
          .statusCode()).isEqualTo(204);

      Poll.until("three attempts arrived", () -> received.size() >= 3);
      for (Received r : received) {
        String expected = WebhookSignatures.sign(hook.getString("secret"), r.headers().get("webhook-id"),
            Long.parseLong(r.headers().get("webhook-timestamp")), r.body());
        assertThat(r.headers().get("webhook-signature")).isEqualTo(expected);
      }
      assertThat(received.stream().map(r -> r.headers().get("webhook-id")).distinct()).hasSize(1);
      JsonObject event = new JsonObject(received.get(2).body());
      assertThat(event.getString("type")).isEqualTo("follow.created");
      assertThat(event.getJsonObject("data").getString("followerId")).isEqualTo(bob.getString("userId"));
      assertThat(event.getJsonObject("data").getString("followeeId")).isEqualTo(ann.getString("userId"));

      // Exactly once as a success: another event afterwards is the only other delivery.
      api.patch("/users/" + ann.getString("userId"), new JsonObject().put("bio", "new"), ann.getString("accessToken"));
      assertThat(api.post("/users/" + ann.getString("userId") + "/follow", new JsonObject(), bob.getString("accessToken"))
          .statusCode()).as("following again changes nothing").isEqualTo(204);
      String carol = api.signUp(ApiClient.unique("carol"), "fan").getString("accessToken");
      api.post("/users/" + ann.getString("userId") + "/follow", new JsonObject(), carol);
      Poll.until("the next event arrived", () -> received.size() >= 4);
      assertThat(received).hasSize(4);
      assertThat(received.get(3).headers().get("webhook-id")).isNotEqualTo(received.get(0).headers().get("webhook-id"));
      Await.result(receiver.close());
    } finally {
      Members.stop(node);
      vertx.close();
    }
  }

  @Test
  void aDeliveryQueuedBeforeARestartArrivesAfterIt() {
    Vertx vertx = Vertx.vertx();
    Node first = Members.start(OneMember.ALL_SERVICES);
    Node second = null;
    try {
      List<Received> received = new CopyOnWriteArrayList<>();
      AtomicInteger status = new AtomicInteger(503);
      HttpServer receiver = receiver(vertx, received, status::get);
      ApiClient api = new ApiClient(vertx, first);
      JsonObject ann = api.signUp(ApiClient.unique("ann"), "fan");
      createHook(api, ann, "http://127.0.0.1:" + receiver.actualPort() + "/hooks", "user.updated");
      api.patch("/users/" + ann.getString("userId"), new JsonObject().put("displayName", "Ann Again"),
          ann.getString("accessToken"));
      Poll.until("the first attempt failed", () -> !received.isEmpty());
      Members.stop(first);
      first = null;

      status.set(204);
      received.clear();
      second = Members.start(OneMember.ALL_SERVICES);
      Poll.until("the delivery arrived after the restart", java.time.Duration.ofSeconds(45), () -> received.stream()
          .anyMatch(r -> new JsonObject(r.body()).getJsonObject("data").getString("displayName").equals("Ann Again")));
      Await.result(receiver.close());
    } finally {
      Members.stop(first);
      Members.stop(second);
      vertx.close();
    }
  }

  private static JsonObject createHook(ApiClient api, JsonObject user, String url, String event) {
    var created = api.post("/users/" + user.getString("userId") + "/webhooks",
        new JsonObject().put("url", url).put("events", new JsonArray().add(event)), user.getString("accessToken"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("secret")).startsWith("whsec_");
    return created.bodyAsJsonObject();
  }

  private static HttpServer receiver(Vertx vertx, List<Received> received, java.util.function.IntSupplier status) {
    return Await.result(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      received.add(new Received(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body.toString()));
      req.response().setStatusCode(status.getAsInt()).end();
    })).listen(0, "127.0.0.1"));
  }
}
