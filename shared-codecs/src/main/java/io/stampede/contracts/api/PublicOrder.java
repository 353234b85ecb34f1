package io.stampede.contracts.api;

import java.time.Instant;

import io.vertx.core.json.JsonObject;

/** The public {@code Order} of API.md, built in one place for the order API and the real-time feed. */
public final class PublicOrder {

  private PublicOrder() {
  }

  public static JsonObject of(String id, String userId, String dropId, String productId, int quantity, long priceCents,
                              String currency, String status, Instant createdAt, Instant updatedAt) {
    return new JsonObject()
        .put("id", id).put("userId", userId).put("dropId", dropId).put("productId", productId)
        .put("quantity", quantity).put("priceCents", priceCents).put("currency", currency)
        .put("status", status).put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString());
  }
}
