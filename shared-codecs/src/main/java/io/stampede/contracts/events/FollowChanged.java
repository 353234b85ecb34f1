package io.stampede.contracts.events;

import io.vertx.core.json.JsonObject;

/** {@code followerId} started ({@code follow.created}) or stopped ({@code follow.deleted}) following {@code followeeId}. */
public record FollowChanged(String followerId, String followeeId) {

  JsonObject toJson() {
    return new JsonObject().put("followerId", followerId).put("followeeId", followeeId);
  }

  static FollowChanged fromJson(JsonObject j) {
    return new FollowChanged(j.getString("followerId"), j.getString("followeeId"));
  }
}
