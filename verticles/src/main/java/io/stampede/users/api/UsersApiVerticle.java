package io.stampede.users.api;

import java.util.List;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.api.Caller;
import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.platform.api.ApiConsumers;
import io.stampede.platform.api.Inputs;
import io.stampede.platform.api.Pages;
import io.stampede.users.store.UserProfiles;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Profiles ({@code GET/PATCH /users/{id}}) and the follow graph (follow, unfollow, both lists). */
public class UsersApiVerticle extends VerticleBase {

  private final UserProfiles profiles;

  public UsersApiVerticle(UserProfiles profiles) {
    this.profiles = profiles;
  }

  @Override
  public Future<?> start() {
    return Future.all(List.of(
        ApiConsumers.register(vertx, Addresses.USERS_GET, this::get),
        ApiConsumers.register(vertx, Addresses.USERS_UPDATE, this::update),
        ApiConsumers.register(vertx, Addresses.USERS_FOLLOW, this::follow),
        ApiConsumers.register(vertx, Addresses.USERS_UNFOLLOW, this::unfollow),
        ApiConsumers.register(vertx, Addresses.USERS_FOLLOWERS, req -> page(req, profiles::followers)),
        ApiConsumers.register(vertx, Addresses.USERS_FOLLOWING, req -> page(req, profiles::following))));
  }

  private Future<ApiReply> get(ApiRequest request) {
    return profiles.user(request.param("id")).compose(found -> found
        .map(u -> Future.succeededFuture(ApiReply.ok(u)))
        .orElseGet(() -> notFound()));
  }

  private Future<ApiReply> update(ApiRequest request) {
    String userId = Callers.self(request, "change a profile").userId();
    String displayName = request.body().containsKey("displayName") ? Inputs.string(request.body(), "displayName", 1, 64) : null;
    String bio = request.body().containsKey("bio") ? Inputs.optionalString(request.body(), "bio", 500, "") : null;
    return profiles.update(userId, displayName, bio).compose(found -> found
        .map(u -> Future.succeededFuture(ApiReply.ok(u)))
        .orElseGet(() -> notFound()));
  }

  private Future<ApiReply> follow(ApiRequest request) {
    Caller caller = Callers.signedIn(request);
    String followee = request.param("id");
    if (caller.userId().equals(followee)) {
      return Future.failedFuture(Inputs.invalid("you cannot follow yourself"));
    }
    return profiles.follow(caller.userId(), followee)
        .compose(known -> known ? Future.succeededFuture(ApiReply.noContent()) : notFound());
  }

  private Future<ApiReply> unfollow(ApiRequest request) {
    Caller caller = Callers.signedIn(request);
    return profiles.unfollow(caller.userId(), request.param("id")).map(v -> ApiReply.noContent());
  }

  private Future<ApiReply> page(ApiRequest request, Lister lister) {
    String userId = request.param("id");
    int limit = Pages.limit(request.query());
    JsonArray after = Pages.cursor(request.query());
    return profiles.user(userId).compose(found -> found.isEmpty() ? notFound()
        : lister.list(userId, after, limit).map(rows -> {
          JsonObject last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
          JsonArray position = last == null ? null : new JsonArray().add(last.getString("_at")).add(last.getString("id"));
          rows.forEach(r -> r.remove("_at"));
          return ApiReply.ok(Pages.page(rows, limit, position));
        }));
  }

  @FunctionalInterface
  private interface Lister {
    Future<List<JsonObject>> list(String userId, JsonArray after, int limit);
  }

  private static <T> Future<T> notFound() {
    return Future.failedFuture(new StampedeException(ErrorCode.NOT_FOUND, "no such user"));
  }
}
