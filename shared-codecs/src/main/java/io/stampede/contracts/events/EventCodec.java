package io.stampede.contracts.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The wire format of events: one UTF-8 JSON object per record. JSON, not Java serialization, so
 * any tool can read a topic, and every field rule is visible: fields are only ever added; a
 * change of meaning or name bumps the type's version and adds an upcaster (see {@link EventType}).
 */
public final class EventCodec {

  private EventCodec() {
  }

  public static Buffer encode(EventEnvelope envelope) {
    return envelope.toJson().toBuffer();
  }

  public static EventEnvelope decode(Buffer bytes) {
    try {
      return EventEnvelope.fromJson(new JsonObject(bytes));
    } catch (DecodeException | ClassCastException | NullPointerException | IllegalArgumentException
             | java.time.format.DateTimeParseException e) {
      throw new EventDecodingException("not a Stampede event: " + e.getMessage(), e);
    }
  }

  public static EventEnvelope decode(byte[] bytes) {
    return decode(Buffer.buffer(bytes));
  }
}
