package io.stampede.contracts.events;

import java.time.Instant;

import io.vertx.core.json.JsonObject;

/** An order's status changed (CONFIRMED by the persister, CANCELLED by its buyer). */
public record OrderUpdated(String orderId, String userId, String dropId, String productId, int quantity,
                           String status, Instant updatedAt) {

  JsonObject toJson() {
    return new JsonObject()
        .put("orderId", orderId).put("userId", userId).put("dropId", dropId).put("productId", productId)
        .put("quantity", quantity).put("status", status).put("updatedAt", updatedAt.toString());
  }

  static OrderUpdated fromJson(JsonObject j) {
    return new OrderUpdated(j.getString("orderId"), j.getString("userId"), j.getString("dropId"),
        j.getString("productId"), j.getInteger("quantity"), j.getString("status"),
        Instant.parse(j.getString("updatedAt")));
  }
}
