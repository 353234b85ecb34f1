package io.stampede.contracts.events;

import java.time.Instant;

import io.stampede.contracts.Instants;
import io.vertx.core.json.JsonObject;

/**
 * A reservation succeeded in Redis and the buyer was answered 201: the persister must make it a
 * durable order. {@code requestHash} lets a replay after the Redis key expired be told apart from
 * a reuse of the key with another body.
 */
public record OrderPlaced(String orderId, String userId, String dropId, String productId, int quantity,
                          long priceCents, String currency, String idempotencyKey, String requestHash,
                          Instant createdAt) {

  JsonObject toJson() {
    return new JsonObject()
        .put("orderId", orderId).put("userId", userId).put("dropId", dropId).put("productId", productId)
        .put("quantity", quantity).put("priceCents", priceCents).put("currency", currency)
        .put("idempotencyKey", idempotencyKey).put("requestHash", requestHash)
        .put("createdAt", createdAt.toString());
  }

  static OrderPlaced fromJson(JsonObject j) {
    return new OrderPlaced(j.getString("orderId"), j.getString("userId"), j.getString("dropId"),
        j.getString("productId"), j.getInteger("quantity"), j.getLong("priceCents"), j.getString("currency"),
        j.getString("idempotencyKey"), j.getString("requestHash"), Instants.parse(j.getString("createdAt")));
  }

  /**
   * Version 1 (the first prototype) called the quantity {@code qty} and carried the price as a
   * {@code price} object; version 2 flattened both to match the public {@code Order}.
   */
  static JsonObject upcastV1(JsonObject v1) {
    JsonObject v2 = v1.copy();
    v2.put("quantity", v2.remove("qty"));
    JsonObject price = (JsonObject) v2.remove("price");
    if (price != null) {
      v2.put("priceCents", price.getLong("cents")).put("currency", price.getString("currency"));
    }
    return v2;
  }
}
