package io.stampede.contracts.events;

import io.vertx.core.json.JsonObject;

/** A user's profile changed; carries the profile fields as they are now. */
public record UserUpdated(String userId, String displayName, String bio) {

  JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("displayName", displayName).put("bio", bio);
  }

  static UserUpdated fromJson(JsonObject j) {
    return new UserUpdated(j.getString("userId"), j.getString("displayName"), j.getString("bio"));
  }
}
