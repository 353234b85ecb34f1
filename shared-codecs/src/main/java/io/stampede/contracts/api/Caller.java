package io.stampede.contracts.api;

import io.vertx.core.json.JsonObject;

/** Who sent a request, as the gateway verified it from the access token. */
public record Caller(String userId, String role, String jti, long expiresAtEpochSeconds) {

  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("role", role).put("jti", jti).put("exp", expiresAtEpochSeconds);
  }

  public static Caller fromJson(JsonObject json) {
    return json == null ? null
        : new Caller(json.getString("userId"), json.getString("role"), json.getString("jti"), json.getLong("exp", 0L));
  }
}
