package io.stampede.contracts.events;

import io.vertx.core.json.JsonObject;

/** Something a user should be told, on their sockets and devices. */
public record NotificationRequested(String notificationId, String userId, String kind, JsonObject payload) {

  JsonObject toJson() {
    return new JsonObject().put("notificationId", notificationId).put("userId", userId).put("kind", kind)
        .put("payload", payload);
  }

  static NotificationRequested fromJson(JsonObject j) {
    return new NotificationRequested(j.getString("notificationId"), j.getString("userId"), j.getString("kind"),
        j.getJsonObject("payload", new JsonObject()));
  }
}
