package io.stampede.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private static final Instant T = Instant.parse("2026-11-24T18:00:00Z");

  @Test
  void everyEventTypeRoundTripsThroughTheWireFormat() {
    Map<EventType<?>, Object> samples = Map.ofEntries(
        Map.entry(Events.USER_UPDATED, new UserUpdated("u1", "Ann", "bio")),
        Map.entry(Events.FOLLOW_CREATED, new FollowChanged("u1", "u2")),
        Map.entry(Events.FOLLOW_DELETED, new FollowChanged("u2", "u1")),
        Map.entry(Events.ORDER_PLACED, new OrderPlaced("o1", "u1", "d1", "p1", 2, 4999, "EUR", "key", "hash", T)),
        Map.entry(Events.ORDER_UPDATED, new OrderUpdated("o1", "u1", "d1", "p1", 2, 1500, "EUR", "CONFIRMED", T, T)),
        Map.entry(Events.DROP_CHANGED, new DropChanged("d1", "c1", "LIVE", T, null, 3)),
        Map.entry(Events.INVENTORY_CHANGED, new InventoryChanged("d1", "p1", 500, 17, "reservation")),
        Map.entry(Events.NOTIFICATION_REQUESTED,
            new NotificationRequested("n1", "u1", "drop.live", new JsonObject().put("dropId", "d1"))));
    assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(Events.ALL);
    samples.forEach((type, payload) -> assertRoundTrip(type, payload));
  }

  @SuppressWarnings("unchecked")
  private static <T> void assertRoundTrip(EventType<T> type, Object payload) {
    EventEnvelope sent = type.wrap((T) payload);
    EventEnvelope received = EventCodec.decode(EventCodec.encode(sent));
    assertThat(received).isEqualTo(sent);
    assertThat(type.read(received)).isEqualTo(payload);
  }

  @Test
  void orderPlacedWrittenByVersionOneStillDecodes() throws IOException {
    EventEnvelope old = EventCodec.decode(resource("/events/order.placed.v1.json"));
    assertThat(old.version()).isEqualTo(1);

    OrderPlaced order = Events.ORDER_PLACED.read(old);

    assertThat(order).isEqualTo(new OrderPlaced("ord-1", "user-1", "drop-1", "prod-1", 2, 4999, "EUR", "k-1", "h-1",
        Instant.parse("2026-11-01T18:00:00.120Z")));
  }

  @Test
  void dataFromANewerVersionWithExtraFieldsIsReadAsItIs() {
    EventEnvelope current = Events.ORDER_UPDATED.wrap(new OrderUpdated("o1", "u1", "d1", "p1", 1, 1500, "EUR", "CANCELLED", T, T));
    JsonObject newer = current.data().copy().put("cancelReason", "changed my mind");
    EventEnvelope fromTheFuture = new EventEnvelope(current.id(), current.type(), 2, current.occurredAt(), current.key(), newer);

    assertThat(Events.ORDER_UPDATED.read(fromTheFuture).status()).isEqualTo("CANCELLED");
  }

  @Test
  void recordsKeyedByTheirAggregate() {
    assertThat(Events.ORDER_PLACED.wrap(new OrderPlaced("o1", "u1", "drop-9", "p1", 1, 1, "EUR", "k", "h", T)).key())
        .isEqualTo("drop-9");
    assertThat(Events.NOTIFICATION_REQUESTED.wrap(new NotificationRequested("n", "user-7", "k", new JsonObject())).key())
        .isEqualTo("user-7");
  }

  @Test
  void garbageIsADecodingErrorNotACrash() {
    for (String bad : List.of("not json", "{}", "{\"id\":\"x\",\"type\":\"t\",\"v\":1,\"at\":\"yesterday\",\"key\":\"k\",\"data\":{}}")) {
      assertThatThrownBy(() -> EventCodec.decode(Buffer.buffer(bad))).isInstanceOf(EventDecodingException.class);
    }
    EventEnvelope wrongShape = new EventEnvelope("i", "order.updated", 1, T, "k", new JsonObject().put("quantity", "many"));
    assertThatThrownBy(() -> Events.ORDER_UPDATED.read(wrongShape)).isInstanceOf(EventDecodingException.class);
  }

  @Test
  void readingTheWrongTypeIsRefused() {
    EventEnvelope drop = Events.DROP_CHANGED.wrap(new DropChanged("d1", "c1", "LIVE", T, T, 1));
    assertThatThrownBy(() -> Events.ORDER_PLACED.read(drop)).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = EventCodecTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    }
  }
}
