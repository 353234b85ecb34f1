package io.stampede.notifications.push;

import java.util.List;

import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.bus.Addresses;
import io.stampede.platform.api.BusCalls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Asks the users service (which owns devices and the follow graph) whom to push to. */
final class PushTargets {

  private static final long TIMEOUT_MS = 5000;

  /** One page of tokens; {@code next} is the cursor of the following page, null after the last. */
  record Page(List<String> tokens, String next) {
  }

  private final Vertx vertx;

  PushTargets(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<Page> followerDevices(String creatorId, String after) {
    return ask(Addresses.USERS_PUSH_FOLLOWER_DEVICES, new JsonObject().put("creatorId", creatorId).put("after", after)
        .put("limit", PushSender.MAX_TOKENS))
        .map(reply -> new Page(strings(reply.getJsonArray("tokens")), reply.getString("next")));
  }

  Future<List<String>> userDevices(String userId) {
    return ask(Addresses.USERS_PUSH_USER_DEVICES, new JsonObject().put("userId", userId))
        .map(reply -> strings(reply.getJsonArray("tokens")));
  }

  Future<Void> forget(List<String> tokens) {
    return tokens.isEmpty() ? Future.succeededFuture()
        : ask(Addresses.USERS_PUSH_FORGET_TOKENS, new JsonObject().put("tokens", new JsonArray(tokens))).mapEmpty();
  }

  private Future<JsonObject> ask(String address, JsonObject body) {
    return BusCalls.object(vertx, address, ApiRequest.of(null, body), TIMEOUT_MS);
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String.class::cast).toList();
  }
}
