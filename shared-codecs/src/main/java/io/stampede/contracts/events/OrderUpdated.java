package io.stampede.contracts.events;

import java.time.Instant;

import io.stampede.contracts.Instants;
import io.stampede.contracts.api.PublicOrder;
import io.vertx.core.json.JsonObject;

/**
 * An order's status changed (CONFIRMED by the persister, CANCELLED by its buyer). It carries the
 * whole order, so a consumer can tell the buyer without asking the order service; records
 * written before price, currency and creation time were added read with price 0 and
 * {@code createdAt = updatedAt}.
 */
public record OrderUpdated(String orderId, String userId, String dropId, String productId, int quantity,
                           long priceCents, String currency, String status, Instant createdAt, Instant updatedAt) {

  /** A reservation just made: PENDING, updated when it was created. */
  public static OrderUpdated pending(OrderPlaced placed) {
    return new OrderUpdated(placed.orderId(), placed.userId(), placed.dropId(), placed.productId(), placed.quantity(),
        placed.priceCents(), placed.currency(), "PENDING", placed.createdAt(), placed.createdAt());
  }

  /** The change of a placed order to {@code status}, now. */
  public static OrderUpdated of(OrderPlaced placed, String status) {
    return new OrderUpdated(placed.orderId(), placed.userId(), placed.dropId(), placed.productId(), placed.quantity(),
        placed.priceCents(), placed.currency(), status, placed.createdAt(), Instant.now());
  }

  /** The change recorded in a public {@code Order} (as the order API answers it). */
  public static OrderUpdated ofOrder(JsonObject order) {
    return new OrderUpdated(order.getString("id"), order.getString("userId"), order.getString("dropId"),
        order.getString("productId"), order.getInteger("quantity"), order.getLong("priceCents", 0L),
        order.getString("currency"), order.getString("status"), Instants.parse(order.getString("createdAt")),
        Instants.parse(order.getString("updatedAt")));
  }

  /** The public {@code Order} as API.md shapes it. */
  public JsonObject toOrder() {
    return PublicOrder.of(orderId, userId, dropId, productId, quantity, priceCents, currency, status, createdAt,
        updatedAt);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("orderId", orderId).put("userId", userId).put("dropId", dropId).put("productId", productId)
        .put("quantity", quantity).put("priceCents", priceCents).put("currency", currency).put("status", status)
        .put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString());
  }

  static OrderUpdated fromJson(JsonObject j) {
    Instant updatedAt = Instants.parse(j.getString("updatedAt"));
    String createdAt = j.getString("createdAt");
    return new OrderUpdated(j.getString("orderId"), j.getString("userId"), j.getString("dropId"),
        j.getString("productId"), j.getInteger("quantity"), j.getLong("priceCents", 0L), j.getString("currency"),
        j.getString("status"), createdAt == null ? updatedAt : Instants.parse(createdAt), updatedAt);
  }
}
