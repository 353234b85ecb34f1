package io.stampede.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import io.stampede.contracts.events.EventCodec;
import io.stampede.contracts.events.Events;
import io.stampede.contracts.events.OrderPlaced;
import io.stampede.contracts.events.OrderUpdated;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventRecordsTest {

  private final OrderPlaced placed = new OrderPlaced("o1", "u1", "d1", "p1", 1, 2500, "EUR", "k1", "h1",
      Instant.parse("2026-12-06T10:00:00Z"));

  @Test
  void aRecordCarriesItsEnvelopeOnItsTopicUnderItsKeyAndItsTypeInAHeader() {
    KafkaProducerRecord<String, Buffer> record = EventRecords.of(Events.ORDER_PLACED, "d1", placed);

    assertThat(record.topic()).isEqualTo(Events.ORDER_PLACED.topic());
    assertThat(record.key()).isEqualTo("d1");
    assertThat(Events.ORDER_PLACED.read(EventCodec.decode(record.value()))).isEqualTo(placed);
    assertThat(record.headers()).singleElement().satisfies(h -> {
      assertThat(h.key()).isEqualTo(EventRecords.TYPE_HEADER);
      assertThat(h.value().toString()).isEqualTo(Events.ORDER_PLACED.name());
    });
  }

  @Test
  void onlyARecordWhoseHeaderNamesAnotherTypeIsSurelyNotOfThisType() {
    KafkaConsumerRecord<String, Buffer> placedRecord = received(EventRecords.of(Events.ORDER_PLACED, "d1", placed));
    KafkaConsumerRecord<String, Buffer> updatedRecord =
        received(EventRecords.of(Events.ORDER_UPDATED, "d1", OrderUpdated.of(placed, "CONFIRMED")));
    KafkaConsumerRecord<String, Buffer> olderRecord = received(KafkaProducerRecord.create(Events.ORDER_PLACED.topic(),
        "d1", EventCodec.encode(Events.ORDER_PLACED.wrap(placed))));

    assertThat(EventRecords.mayBe(placedRecord, Events.ORDER_PLACED)).isTrue();
    assertThat(EventRecords.mayBe(updatedRecord, Events.ORDER_PLACED)).isFalse();
    assertThat(EventRecords.mayBe(olderRecord, Events.ORDER_PLACED)).as("written before the header existed").isTrue();
  }

  /** The record as a consumer gets it back from the broker. */
  private static KafkaConsumerRecord<String, Buffer> received(KafkaProducerRecord<String, Buffer> sent) {
    RecordHeaders headers = new RecordHeaders();
    sent.headers().forEach(h -> headers.add(h.key(), h.value().getBytes()));
    return new KafkaConsumerRecordImpl<>(new ConsumerRecord<>(sent.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME,
        -1, -1, sent.key(), sent.value(), headers, Optional.empty()));
  }
}
