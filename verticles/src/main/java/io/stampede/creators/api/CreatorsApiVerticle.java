package io.stampede.creators.api;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import io.stampede.contracts.Ids;
import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.api.Caller;
import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.creators.store.ProductStore;
import io.stampede.platform.grpc.CreatorAuthorization;
import io.stampede.platform.api.ApiConsumers;
import io.stampede.platform.api.Inputs;
import io.stampede.platform.api.Pages;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code GET /creators/{id}}, {@code GET/POST /creators/{id}/products}. */
public class CreatorsApiVerticle extends VerticleBase {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final long MAX_PRICE_CENTS = 100_000_000_000L;

  private final ProductStore store;
  private final CreatorAuthorization authorization;

  public CreatorsApiVerticle(ProductStore store, CreatorAuthorization authorization) {
    this.store = store;
    this.authorization = authorization;
  }

  @Override
  public Future<?> start() {
    return Future.all(List.of(
        ApiConsumers.register(vertx, Addresses.CREATORS_GET, this::creator),
        ApiConsumers.register(vertx, Addresses.CREATORS_PRODUCTS_LIST, this::products),
        ApiConsumers.register(vertx, Addresses.CREATORS_PRODUCTS_CREATE, this::createProduct)));
  }

  private Future<ApiReply> creator(ApiRequest request) {
    return store.creator(request.param("id")).compose(found -> found.map(c -> Future.succeededFuture(ApiReply.ok(c)))
        .orElseGet(() -> Future.failedFuture(new StampedeException(ErrorCode.NOT_FOUND, "no such creator"))));
  }

  private Future<ApiReply> products(ApiRequest request) {
    String creatorId = request.param("id");
    int limit = Pages.limit(request.query());
    JsonArray after = Pages.cursor(request.query());
    return store.creator(creatorId).compose(found -> found.isEmpty()
        ? Future.failedFuture(new StampedeException(ErrorCode.NOT_FOUND, "no such creator"))
        : store.products(creatorId, after, limit).map(items -> {
          JsonObject last = items.isEmpty() ? null : items.get(items.size() - 1);
          return ApiReply.ok(Pages.page(items, limit,
              last == null ? null : new JsonArray().add(last.getString("createdAt")).add(last.getString("id"))));
        }));
  }

  private Future<ApiReply> createProduct(ApiRequest request) {
    Caller caller = request.caller();
    if (caller == null) {
      return Future.failedFuture(new StampedeException(ErrorCode.UNAUTHORIZED, "sign in first"));
    }
    JsonObject body = request.body();
    JsonObject product = new JsonObject()
        .put("id", Ids.newId())
        .put("creatorId", request.param("id"))
        .put("name", Inputs.string(body, "name", 1, 120))
        .put("description", Inputs.optionalString(body, "description", 4000, ""))
        .put("priceCents", price(body))
        .put("currency", Inputs.matching(body, "currency", CURRENCY, "an ISO 4217 code such as EUR"))
        .put("imageUrl", Inputs.optionalString(body, "imageUrl", 2048, null))
        .put("createdAt", Instant.now().toString());
    return authorization.require(caller, "product.create", request.param("id"))
        .compose(allowed -> store.create(product))
        .map(ApiReply::created);
  }

  private static long price(JsonObject body) {
    Object value = body.getValue("priceCents");
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0
        || ((Number) value).longValue() > MAX_PRICE_CENTS) {
      throw Inputs.invalid("priceCents must be a whole number of cents from 0 to " + MAX_PRICE_CENTS);
    }
    return ((Number) value).longValue();
  }
}
