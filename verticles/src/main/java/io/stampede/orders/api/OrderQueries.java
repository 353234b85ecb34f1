package io.stampede.orders.api;

import static io.stampede.orders.api.Replies.fail;

import java.util.List;
import java.util.Optional;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.api.Caller;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.orders.reservation.Reservations;
import io.stampede.orders.store.OrderCopies;
import io.stampede.orders.store.OrderStore;
import io.stampede.platform.api.Pages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code GET /orders/{id}}, {@code GET /orders}, and the live remaining stock other services ask for. */
final class OrderQueries {

  private final OrderStore orders;
  private final OrderCopies copies;
  private final Reservations reservations;

  OrderQueries(OrderStore orders, OrderCopies copies, Reservations reservations) {
    this.orders = orders;
    this.copies = copies;
    this.reservations = reservations;
  }

  /** The buyer's order, durable or still pending; 404 for anyone else. */
  Future<ApiReply> get(ApiRequest request) {
    Caller caller = Replies.signedIn(request);
    return find(request.param("id")).compose(order -> order.filter(o -> caller.userId().equals(o.getString("userId")))
        .map(o -> Future.succeededFuture(ApiReply.ok(o)))
        .orElseGet(() -> fail(ErrorCode.NOT_FOUND, "no such order")));
  }

  /**
   * The order's copy in Redis, unless it says PENDING: then Postgres may know better, and the copy
   * answers only if it does not. Without Redis, Postgres answers for the orders it has; any other
   * order fails as a store outage, not as a 404.
   */
  private Future<Optional<JsonObject>> find(String orderId) {
    return copies.find(orderId).transform(read -> {
      Optional<JsonObject> copy = read.succeeded() ? read.result() : Optional.empty();
      if (copy.isPresent() && !"PENDING".equals(copy.get().getString("status"))) {
        return Future.succeededFuture(copy);
      }
      return orders.byId(orderId).compose(durable -> {
        if (durable.isPresent() || read.succeeded()) {
          return Future.succeededFuture(durable.isPresent() ? durable : copy);
        }
        return Future.failedFuture(read.cause());
      });
    });
  }

  /** The caller's durable orders, newest first (an order shows here once it is CONFIRMED). */
  Future<ApiReply> list(ApiRequest request) {
    Caller caller = Replies.signedIn(request);
    int limit = Pages.limit(request.query());
    return orders.byUser(caller.userId(), Pages.cursor(request.query()), limit).map(items -> {
      JsonObject last = items.isEmpty() ? null : items.get(items.size() - 1);
      return ApiReply.ok(Pages.page(items, limit,
          last == null ? null : new JsonArray().add(last.getString("createdAt")).add(last.getString("id"))));
    });
  }

  /** {@code {items: {<dropId>: [<productId>, ...]}}} → {@code {<dropId>: {<productId>: remaining}}}. */
  Future<ApiReply> stock(ApiRequest request) {
    JsonObject wanted = request.body().getJsonObject("items", new JsonObject());
    List<Future<JsonObject>> drops = wanted.fieldNames().stream().map(dropId -> {
      List<String> products = wanted.getJsonArray(dropId).stream().map(String::valueOf).toList();
      List<Future<Integer>> counts = products.stream().map(p -> reservations.remaining(dropId, p)).toList();
      return Future.all(counts).map(all -> {
        JsonObject byProduct = new JsonObject();
        for (int i = 0; i < products.size(); i++) {
          byProduct.put(products.get(i), counts.get(i).result());
        }
        return new JsonObject().put(dropId, byProduct);
      });
    }).toList();
    return Future.all(drops).map(all -> {
      JsonObject result = new JsonObject();
      drops.forEach(d -> result.mergeIn(d.result()));
      return ApiReply.ok(result);
    });
  }
}
