package io.stampede.drops.api;

import java.util.List;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.drops.store.DropRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Fills in the live {@code remaining} of drop items by asking the order service, which owns the hot
 * counters. An item without a counter yet (not seeded) shows its full stock.
 */
final class RemainingStock {

  private static final long TIMEOUT_MS = 2000;

  private Vertx vertx;

  void init(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<JsonObject> withRemaining(DropRecord drop) {
    return withRemaining(List.of(drop)).map(all -> all.get(0));
  }

  Future<List<JsonObject>> withRemaining(List<DropRecord> drops) {
    if (drops.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    JsonObject wanted = new JsonObject();
    drops.forEach(d -> wanted.put(d.id(), new JsonArray(d.drop().getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getString("productId")).toList())));
    return vertx.eventBus().<JsonObject>request(Addresses.ORDERS_STOCK_GET,
            ApiRequest.of(null, new JsonObject().put("items", wanted)).toJson(), new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .recover(e -> Future.failedFuture(StampedeException.fromBusFailure(e)))
        .map(reply -> {
          JsonObject counters = (JsonObject) ApiReply.fromJson(reply.body()).body();
          return drops.stream().map(d -> {
            JsonObject drop = d.drop().copy();
            JsonObject byProduct = counters.getJsonObject(d.id(), new JsonObject());
            drop.getJsonArray("items").forEach(i -> {
              JsonObject item = (JsonObject) i;
              Integer left = byProduct.getInteger(item.getString("productId"));
              item.put("remaining", left == null ? item.getInteger("stock") : left);
            });
            return drop;
          }).toList();
        });
  }
}
