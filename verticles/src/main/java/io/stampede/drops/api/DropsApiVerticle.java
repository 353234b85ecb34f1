package io.stampede.drops.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.stampede.contracts.Ids;
import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.api.Caller;
import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.drops.schedule.DropPublisher;
import io.stampede.drops.schedule.DropSchedulerVerticle;
import io.stampede.drops.store.DropStore;
import io.stampede.platform.api.ApiConsumers;
import io.stampede.platform.api.Inputs;
import io.stampede.platform.api.Pages;
import io.stampede.platform.grpc.CreatorAuthorization;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Create, read, list and cancel drops. */
public class DropsApiVerticle extends VerticleBase {

  private static final int MAX_STOCK = 10_000_000;

  private final DropStore drops;
  private final DropPublisher publisher;
  private final CreatorAuthorization authorization;
  private final RemainingStock remaining;

  public DropsApiVerticle(DropStore drops, DropPublisher publisher, CreatorAuthorization authorization) {
    this.drops = drops;
    this.publisher = publisher;
    this.authorization = authorization;
    this.remaining = new RemainingStock();
  }

  @Override
  public Future<?> start() {
    remaining.init(vertx);
    return Future.all(List.of(
        ApiConsumers.register(vertx, Addresses.DROPS_CREATE, this::create),
        ApiConsumers.register(vertx, Addresses.DROPS_GET, this::get),
        ApiConsumers.register(vertx, Addresses.DROPS_UPCOMING, this::upcoming),
        ApiConsumers.register(vertx, Addresses.DROPS_CANCEL, this::cancel),
        ApiConsumers.register(vertx, Addresses.DROPS_SOLD_OUT, this::soldOut)));
  }

  private Future<ApiReply> create(ApiRequest request) {
    Caller caller = signedIn(request);
    String creatorId = request.param("id");
    JsonObject body = validated(request.body());
    return authorization.require(caller, "drop.schedule", creatorId)
        .compose(allowed -> drops.create(Ids.newId(), creatorId, body))
        .compose(drop -> publisher.publish(drop).map(drop))
        .onSuccess(drop -> vertx.eventBus().publish(DropSchedulerVerticle.REPLAN, null))
        .compose(remaining::withRemaining)
        .map(ApiReply::created);
  }

  private Future<ApiReply> get(ApiRequest request) {
    return drops.find(request.param("id")).compose(found -> found.isEmpty()
        ? Future.failedFuture(new StampedeException(ErrorCode.NOT_FOUND, "no such drop"))
        : remaining.withRemaining(found.get()).map(ApiReply::ok));
  }

  private Future<ApiReply> upcoming(ApiRequest request) {
    int limit = Pages.limit(request.query());
    return drops.upcoming(Pages.cursor(request.query()), limit)
        .compose(page -> remaining.withRemaining(page).map(items -> {
          JsonObject last = items.isEmpty() ? null : items.get(items.size() - 1);
          return ApiReply.ok(Pages.page(items, limit,
              last == null ? null : new JsonArray().add(last.getString("startsAt")).add(last.getString("id"))));
        }));
  }

  private Future<ApiReply> cancel(ApiRequest request) {
    Caller caller = signedIn(request);
    String dropId = request.param("id");
    return drops.find(dropId)
        .compose(found -> found.isEmpty()
            ? Future.failedFuture(new StampedeException(ErrorCode.NOT_FOUND, "no such drop"))
            : authorization.require(caller, "drop.cancel", found.get().creatorId()))
        .compose(allowed -> drops.cancel(dropId))
        .compose(cancelled -> cancelled.isEmpty()
            ? Future.failedFuture(new StampedeException(ErrorCode.CONFLICT, "only a scheduled drop can be cancelled"))
            : publisher.publish(cancelled.get()).map(cancelled.get()))
        .compose(remaining::withRemaining)
        .map(ApiReply::ok);
  }

  /** Told by the order service; the guarded update lets exactly one telling announce SOLD_OUT. */
  private Future<ApiReply> soldOut(ApiRequest request) {
    return drops.soldOut(request.body().getString("dropId"))
        .compose(changed -> changed.isPresent() ? publisher.publish(changed.get()) : Future.<Void>succeededFuture())
        .map(v -> ApiReply.noContent());
  }

  /** The request of API.md: times, and 1..100 items of the creator's products with stock and limit. */
  private static JsonObject validated(JsonObject body) {
    Instant startsAt = time(body, "startsAt", true);
    Instant endsAt = time(body, "endsAt", false);
    if (endsAt != null && !endsAt.isAfter(startsAt)) {
      throw Inputs.invalid("endsAt must be after startsAt");
    }
    if (!(body.getValue("items") instanceof JsonArray items) || items.isEmpty() || items.size() > 100) {
      throw Inputs.invalid("items must be a list of 1 to 100 items");
    }
    Set<String> seen = new HashSet<>();
    JsonArray clean = new JsonArray();
    for (Object entry : items) {
      if (!(entry instanceof JsonObject item)) {
        throw Inputs.invalid("each item must be an object");
      }
      String productId = Inputs.string(item, "productId", 1, 64);
      int stock = integer(item, "stock", 1, MAX_STOCK);
      int limit = integer(item, "perUserLimit", 1, MAX_STOCK);
      if (!seen.add(productId)) {
        throw Inputs.invalid("each product may appear once in a drop");
      }
      clean.add(new JsonObject().put("productId", productId).put("stock", stock).put("perUserLimit", limit));
    }
    return new JsonObject().put("startsAt", startsAt.toString()).put("endsAt", endsAt == null ? null : endsAt.toString())
        .put("items", clean);
  }

  private static Instant time(JsonObject body, String field, boolean required) {
    Object value = body.getValue(field);
    if (value == null && !required) {
      return null;
    }
    try {
      return Instant.parse((String) value);
    } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
      throw Inputs.invalid(field + " must be an RFC 3339 UTC time such as 2026-11-24T18:00:00Z");
    }
  }

  private static int integer(JsonObject item, String field, int min, int max) {
    if (!(item.getValue(field) instanceof Integer value) || value < min || value > max) {
      throw Inputs.invalid(field + " must be an integer from " + min + " to " + max);
    }
    return value;
  }

  private static Caller signedIn(ApiRequest request) {
    if (request.caller() == null) {
      throw new StampedeException(ErrorCode.UNAUTHORIZED, "sign in first");
    }
    return request.caller();
  }
}
