package io.stampede.contracts.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.vertx.core.json.JsonObject;

/**
 * One kind of event: its name, topic, current schema version, how its payload maps to JSON, and
 * the upcasters that lift data written by an older version to the current one. Readers therefore
 * always see the current shape, whichever release produced the record.
 *
 * @param <T> the payload type
 */
public final class EventType<T> {

  private final String name;
  private final String topic;
  private final int currentVersion;
  private final Function<T, JsonObject> writer;
  private final Function<JsonObject, T> reader;
  private final Function<T, String> keyOf;
  /** Upcaster at index {@code n} turns version-{@code n} data into version {@code n + 1}. */
  private final Map<Integer, UnaryOperator<JsonObject>> upcasters;

  EventType(String name, String topic, int currentVersion, Function<T, JsonObject> writer,
            Function<JsonObject, T> reader, Function<T, String> keyOf, Map<Integer, UnaryOperator<JsonObject>> upcasters) {
    for (int v = 1; v < currentVersion; v++) {
      if (!upcasters.containsKey(v)) {
        throw new IllegalArgumentException(name + " has no upcaster from version " + v);
      }
    }
    this.name = name;
    this.topic = topic;
    this.currentVersion = currentVersion;
    this.writer = writer;
    this.reader = reader;
    this.keyOf = keyOf;
    this.upcasters = Map.copyOf(upcasters);
  }

  public String name() {
    return name;
  }

  public String topic() {
    return topic;
  }

  public int currentVersion() {
    return currentVersion;
  }

  /** A new envelope for this payload, stamped with a fresh id, the current version and now. */
  public EventEnvelope wrap(T payload) {
    return wrap(payload, UUID.randomUUID().toString(), Instant.now());
  }

  public EventEnvelope wrap(T payload, String eventId, Instant occurredAt) {
    return new EventEnvelope(eventId, name, currentVersion, occurredAt, keyOf.apply(payload), writer.apply(payload));
  }

  public boolean matches(EventEnvelope envelope) {
    return name.equals(envelope.type());
  }

  /**
   * The payload of an envelope of this type, upcast to the current version. Data from a newer
   * version is read as it is: additions are the only changes allowed without a version bump.
   */
  public T read(EventEnvelope envelope) {
    if (!matches(envelope)) {
      throw new IllegalArgumentException("expected " + name + " but got " + envelope.type());
    }
    // The envelope is the reader's own (just decoded): only an upcast, which may change it, needs a copy.
    JsonObject data = envelope.version() < currentVersion ? envelope.data().copy() : envelope.data();
    for (int v = envelope.version(); v < currentVersion; v++) {
      data = upcasters.get(v).apply(data);
    }
    try {
      return reader.apply(data);
    } catch (RuntimeException e) {
      throw new EventDecodingException(name + " v" + envelope.version() + " has unreadable data: " + e.getMessage(), e);
    }
  }
}
