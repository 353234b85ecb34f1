package io.stampede.contracts.bus;

import io.stampede.contracts.events.EventCodec;
import io.stampede.contracts.events.EventEnvelope;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Carries {@link EventEnvelope}s across the clustered event bus as real bytes (the same JSON as
 * on Kafka, length-prefixed), so a member in another JVM reads exactly what was sent.
 */
public final class EnvelopeBusCodec implements MessageCodec<EventEnvelope, EventEnvelope> {

  public static final String NAME = "stampede.envelope.v1";

  @Override
  public void encodeToWire(Buffer buffer, EventEnvelope envelope) {
    Buffer body = EventCodec.encode(envelope);
    buffer.appendInt(body.length()).appendBuffer(body);
  }

  @Override
  public EventEnvelope decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return EventCodec.decode(buffer.getBuffer(pos + 4, pos + 4 + length));
  }

  @Override
  public EventEnvelope transform(EventEnvelope envelope) {
    // Local delivery gets its own copy of the mutable JSON, like a remote one would.
    return new EventEnvelope(envelope.id(), envelope.type(), envelope.version(), envelope.occurredAt(),
        envelope.key(), envelope.data().copy());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
