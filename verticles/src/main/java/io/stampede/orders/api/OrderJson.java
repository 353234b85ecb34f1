package io.stampede.orders.api;

import io.stampede.contracts.events.OrderPlaced;
import io.vertx.core.json.JsonObject;

/** The public {@code Order} of a reservation just made. */
final class OrderJson {

  private OrderJson() {
  }

  static JsonObject pending(OrderPlaced o) {
    String at = o.createdAt().toString();
    return new JsonObject()
        .put("id", o.orderId()).put("userId", o.userId()).put("dropId", o.dropId()).put("productId", o.productId())
        .put("quantity", o.quantity()).put("priceCents", o.priceCents()).put("currency", o.currency())
        .put("status", "PENDING").put("createdAt", at).put("updatedAt", at);
  }
}
