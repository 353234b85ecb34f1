package io.stampede.contracts.events;

import io.vertx.core.json.JsonObject;

/** The hot counter of one drop item moved (or was repaired by the reconciler). */
public record InventoryChanged(String dropId, String productId, int stock, int remaining, String reason) {

  JsonObject toJson() {
    return new JsonObject()
        .put("dropId", dropId).put("productId", productId).put("stock", stock).put("remaining", remaining)
        .put("reason", reason);
  }

  static InventoryChanged fromJson(JsonObject j) {
    return new InventoryChanged(j.getString("dropId"), j.getString("productId"), j.getInteger("stock"),
        j.getInteger("remaining"), j.getString("reason", "reservation"));
  }
}
