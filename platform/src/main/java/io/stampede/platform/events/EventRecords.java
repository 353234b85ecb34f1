package io.stampede.platform.events;

import io.stampede.contracts.events.EventCodec;
import io.stampede.contracts.events.EventType;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

/**
 * Events as Kafka records: the JSON envelope ({@link EventCodec}) is the value, keyed by the event's
 * aggregate, and the event's type travels again in a header. A consumer that reads one type of a
 * shared topic (the persister reads only {@code order.placed} of {@code order_events}) passes over
 * the others without decoding them; a record without the header (written before it existed) is
 * decoded as before.
 */
public final class EventRecords {

  public static final String TYPE_HEADER = "stampede-type";

  private EventRecords() {
  }

  /** A new event of this type, on its topic, under {@code key}. */
  public static <T> KafkaProducerRecord<String, Buffer> of(EventType<T> type, String key, T payload) {
    KafkaProducerRecord<String, Buffer> record =
        KafkaProducerRecord.create(type.topic(), key, EventCodec.encode(type.wrap(payload)));
    return record.addHeader(TYPE_HEADER, type.name());
  }

  /** False only when the record's header names another type: then it is surely not one of {@code type}. */
  public static boolean mayBe(KafkaConsumerRecord<String, Buffer> record, EventType<?> type) {
    for (KafkaHeader header : record.headers()) {
      if (TYPE_HEADER.equals(header.key())) {
        return type.name().equals(header.value().toString());
      }
    }
    return true;
  }
}
