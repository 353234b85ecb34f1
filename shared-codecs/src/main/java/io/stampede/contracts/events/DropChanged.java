package io.stampede.contracts.events;

import java.time.Instant;

import io.stampede.contracts.Instants;
import io.vertx.core.json.JsonObject;

/**
 * A drop changed state (SCHEDULED, LIVE, SOLD_OUT, ENDED, CANCELLED). {@code version} grows with
 * every change so consumers can drop stale copies.
 */
public record DropChanged(String dropId, String creatorId, String status, Instant startsAt, Instant endsAt,
                          long version) {

  JsonObject toJson() {
    return new JsonObject()
        .put("dropId", dropId).put("creatorId", creatorId).put("status", status)
        .put("startsAt", startsAt.toString()).put("endsAt", endsAt == null ? null : endsAt.toString())
        .put("version", version);
  }

  static DropChanged fromJson(JsonObject j) {
    String endsAt = j.getString("endsAt");
    return new DropChanged(j.getString("dropId"), j.getString("creatorId"), j.getString("status"),
        Instants.parse(j.getString("startsAt")), endsAt == null ? null : Instants.parse(endsAt),
        j.getLong("version", 0L));
  }
}
