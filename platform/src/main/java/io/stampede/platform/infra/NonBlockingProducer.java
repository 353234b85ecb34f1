package io.stampede.platform.infra;

import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * A durable Kafka producer ({@link KafkaSetup#producerConfig}) that takes a record on the caller's
 * own thread, for the order's hot path.
 *
 * <p>Vert.x's {@link KafkaProducer} hands every send to a worker thread, because the Kafka client
 * may block in {@code send()}: while it waits for a topic's metadata, or for room in its buffer.
 * That hop is a thread wake-up per order. This producer is set up so that the client never blocks
 * ({@code max.block.ms=0}): a send appends the record to the client's buffer and returns, and the
 * answer comes back on the caller's context when the broker has the record.
 * <ul>
 *   <li>A record for a topic whose metadata the client does not have yet (the first sends after
 *       the start) waits for it on a timer, not on the thread, for up to 2 s, then fails. A
 *       topic's metadata is kept for {@link #METADATA_IDLE_MS} after its last record, not Kafka's
 *       five minutes, so the first orders of a drop after a quiet hour do not wait for it.</li>
 *   <li>A full buffer (32 MiB of records the broker has not taken) fails the send instead of
 *       holding the event loop; the caller answers 503, as when Kafka refuses a record.</li>
 * </ul>
 */
public final class NonBlockingProducer {

  /** How long the client keeps an unused topic's metadata: 30 days. */
  static final long METADATA_IDLE_MS = 30L * 24 * 3600 * 1000;
  /** How long a send waits for a topic's metadata, checking every {@link #METADATA_POLL_MS}. */
  private static final long METADATA_WAIT_MS = 2000;
  private static final long METADATA_POLL_MS = 10;

  private final Vertx vertx;
  private final KafkaProducer<String, Buffer> producer;
  private final Producer<String, Buffer> client;

  private NonBlockingProducer(Vertx vertx, KafkaProducer<String, Buffer> producer) {
    this.vertx = vertx;
    this.producer = producer;
    this.client = producer.unwrap();
  }

  public static NonBlockingProducer create(Vertx vertx, String bootstrap, String clientId) {
    Map<String, String> config = KafkaSetup.producerConfig(bootstrap, clientId);
    config.put("max.block.ms", "0");
    config.put("metadata.max.idle.ms", String.valueOf(METADATA_IDLE_MS));
    return new NonBlockingProducer(vertx, KafkaProducer.create(vertx, config));
  }

  /** Completes on the caller's context once the record is on every in-sync replica. */
  public Future<Void> send(KafkaProducerRecord<String, Buffer> record) {
    ContextInternal context = (ContextInternal) vertx.getOrCreateContext();
    ProducerRecord<String, Buffer> kafkaRecord = record.record();
    return topicKnown(context, kafkaRecord.topic(), METADATA_WAIT_MS / METADATA_POLL_MS)
        .compose(known -> sendNow(context, kafkaRecord));
  }

  public Future<Void> close() {
    return producer.close();
  }

  private Future<Void> sendNow(ContextInternal context, ProducerRecord<String, Buffer> record) {
    Promise<Void> sent = context.promise();
    try {
      client.send(record, (metadata, failure) -> {
        if (failure == null) {
          sent.tryComplete();
        } else {
          sent.tryFail(failure);
        }
      });
    } catch (RuntimeException e) {
      sent.tryFail(e);
    }
    return sent.future();
  }

  /**
   * Succeeds once the client has the topic's metadata: at once, but for the first sends after the
   * start. Asking does not block here: while the metadata is not there it fails at once, and the
   * client asks the broker for it.
   */
  private Future<Void> topicKnown(ContextInternal context, String topic, long attemptsLeft) {
    try {
      client.partitionsFor(topic);
      return context.succeededFuture();
    } catch (TimeoutException notYet) {
      return attemptsLeft <= 0 ? context.failedFuture(notYet)
          : vertx.timer(METADATA_POLL_MS).compose(t -> topicKnown(context, topic, attemptsLeft - 1));
    } catch (RuntimeException e) {
      return context.failedFuture(e);
    }
  }
}
