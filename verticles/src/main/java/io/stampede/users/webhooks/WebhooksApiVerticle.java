package io.stampede.users.webhooks;

import java.util.ArrayList;
import java.util.List;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.platform.api.ApiConsumers;
import io.stampede.platform.api.Inputs;
import io.stampede.users.api.Callers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code POST/GET /users/{id}/webhooks} and {@code DELETE /users/{id}/webhooks/{hookId}}: self only. */
public class WebhooksApiVerticle extends VerticleBase {

  public static final List<String> EVENTS = List.of("user.updated", "follow.created", "follow.deleted");

  private final PgWebhooks hooks;
  private final WebhookTargets targets;

  public WebhooksApiVerticle(PgWebhooks hooks, WebhookTargets targets) {
    this.hooks = hooks;
    this.targets = targets;
  }

  @Override
  public Future<?> start() {
    return Future.all(
        ApiConsumers.register(vertx, Addresses.USERS_WEBHOOKS_CREATE, this::create),
        ApiConsumers.register(vertx, Addresses.USERS_WEBHOOKS_LIST, this::list),
        ApiConsumers.register(vertx, Addresses.USERS_WEBHOOKS_DELETE, this::delete));
  }

  private Future<ApiReply> create(ApiRequest request) {
    String userId = Callers.self(request, "register webhooks").userId();
    String url = Inputs.string(request.body(), "url", 1, 2048);
    List<String> events = events(request.body());
    return targets.check(url)
        .compose(ok -> hooks.create(userId, url, events, WebhookSignatures.newSecret()))
        .map(ApiReply::created);
  }

  private Future<ApiReply> list(ApiRequest request) {
    String userId = Callers.self(request, "see webhooks").userId();
    return hooks.list(userId).map(items -> ApiReply.ok(new JsonObject().put("items", new JsonArray(items))));
  }

  private Future<ApiReply> delete(ApiRequest request) {
    String userId = Callers.self(request, "remove webhooks").userId();
    return hooks.delete(userId, request.param("hookId")).compose(removed -> removed
        ? Future.succeededFuture(ApiReply.noContent())
        : Future.failedFuture(new StampedeException(ErrorCode.NOT_FOUND, "no such webhook")));
  }

  private static List<String> events(JsonObject body) {
    if (!(body.getValue("events") instanceof JsonArray given) || given.isEmpty()) {
      throw Inputs.invalid("events must be a non-empty array of " + String.join(", ", EVENTS));
    }
    List<String> events = new ArrayList<>();
    for (Object e : given) {
      if (!(e instanceof String name) || !EVENTS.contains(name)) {
        throw Inputs.invalid("events must be a non-empty array of " + String.join(", ", EVENTS));
      }
      if (!events.contains(name)) {
        events.add(name);
      }
    }
    return events;
  }
}
