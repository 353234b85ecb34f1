package io.stampede.users.devices;

import java.util.List;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.bus.Addresses;
import io.stampede.platform.api.ApiConsumers;
import io.stampede.platform.api.Inputs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Internal addresses (no public route reaches them) through which the notification service finds
 * push targets and reports tokens the provider no longer knows. The users service owns devices and
 * the follow graph, so it answers; nobody else reads its tables.
 */
public class PushTargetsVerticle extends VerticleBase {

  /** FCM's multicast limit: one page is one multicast. */
  public static final int MAX_PAGE = 500;

  private final PgDevices devices;

  public PushTargetsVerticle(PgDevices devices) {
    this.devices = devices;
  }

  @Override
  public Future<?> start() {
    return Future.all(
        ApiConsumers.register(vertx, Addresses.USERS_PUSH_FOLLOWER_DEVICES, this::followerDevices),
        ApiConsumers.register(vertx, Addresses.USERS_PUSH_USER_DEVICES, this::userDevices),
        ApiConsumers.register(vertx, Addresses.USERS_PUSH_FORGET_TOKENS, this::forget));
  }

  /** {@code {creatorId, after?, limit?}} → {@code {tokens, next}}; {@code next} is null on the last page. */
  private Future<ApiReply> followerDevices(ApiRequest request) {
    String creatorId = Inputs.string(request.body(), "creatorId", 1, 64);
    String after = request.body().getString("after", "");
    int limit = Math.max(1, Math.min(MAX_PAGE, request.body().getInteger("limit", MAX_PAGE)));
    return devices.followerTokens(creatorId, after, limit).map(tokens -> ApiReply.ok(new JsonObject()
        .put("tokens", new JsonArray(tokens))
        .put("next", tokens.size() < limit ? null : tokens.get(tokens.size() - 1))));
  }

  private Future<ApiReply> userDevices(ApiRequest request) {
    String userId = Inputs.string(request.body(), "userId", 1, 64);
    return devices.userTokens(userId).map(tokens -> ApiReply.ok(new JsonObject().put("tokens", new JsonArray(tokens))));
  }

  private Future<ApiReply> forget(ApiRequest request) {
    JsonArray given = request.body().getJsonArray("tokens", new JsonArray());
    List<String> tokens = given.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    return tokens.isEmpty() ? Future.succeededFuture(ApiReply.ok(new JsonObject().put("forgotten", 0)))
        : devices.forget(tokens).map(n -> ApiReply.ok(new JsonObject().put("forgotten", n)));
  }
}
