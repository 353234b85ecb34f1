package io.stampede.contracts.events;

import java.time.Instant;
import java.util.Objects;

import io.stampede.contracts.Instants;
import io.vertx.core.json.JsonObject;

/**
 * What every Kafka record and every event on the bus carries: an id (consumers deduplicate on it),
 * the event type and the schema version its {@code data} was written with, when it happened, and
 * the aggregate key the record is partitioned by.
 */
public record EventEnvelope(String id, String type, int version, Instant occurredAt, String key, JsonObject data) {

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(data, "data");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("v", version)
        .put("at", occurredAt.toString())
        .put("key", key)
        .put("data", data);
  }

  static EventEnvelope fromJson(JsonObject json) {
    return new EventEnvelope(
        json.getString("id"),
        json.getString("type"),
        json.getInteger("v", 1),
        Instants.parse(json.getString("at")),
        json.getString("key"),
        json.getJsonObject("data"));
  }
}
