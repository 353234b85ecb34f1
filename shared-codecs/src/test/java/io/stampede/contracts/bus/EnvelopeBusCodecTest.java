package io.stampede.contracts.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.stampede.contracts.events.EventEnvelope;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class EnvelopeBusCodecTest {

  private final EnvelopeBusCodec codec = new EnvelopeBusCodec();
  private final EventEnvelope envelope = new EventEnvelope("id-1", "drop.changed", 1,
      Instant.parse("2026-11-24T18:00:00Z"), "d1", new JsonObject().put("status", "LIVE").put("ünïcode", "✓"));

  @Test
  void encodesRealBytesAndDecodesThemAtAnOffset() {
    Buffer wire = Buffer.buffer().appendString("some-header");
    int pos = wire.length();
    codec.encodeToWire(wire, envelope);

    assertThat(codec.decodeFromWire(pos, wire)).isEqualTo(envelope);
  }

  @Test
  void localDeliveryGetsAnIndependentCopy() {
    EventEnvelope copy = codec.transform(envelope);
    copy.data().put("status", "ENDED");

    assertThat(envelope.data().getString("status")).isEqualTo("LIVE");
  }
}
