package io.stampede.orders.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;

/**
 * Where a placed order becomes durable before its buyer is answered: {@code order_events} for real
 * orders, a rehearsal's own topic for rehearsed ones. Succeeds once the broker acknowledged it.
 */
@FunctionalInterface
public interface OrderLog {

  Future<Void> append(KafkaProducerRecord<String, Buffer> record);
}
