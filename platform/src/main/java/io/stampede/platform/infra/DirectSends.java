package io.stampede.platform.infra;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import org.apache.kafka.clients.producer.Producer;

/**
 * Sends records without the worker-thread hop that vertx-kafka-client takes on every send.
 *
 * <p>The wrapper runs the Kafka client's {@code send} on a worker because the call may block: while
 * the client has no metadata for the topic (up to {@code max.block.ms}), or while its buffer is full.
 * Once a topic has acknowledged a record, the client holds its metadata until the topic goes unused
 * for {@code metadata.max.idle.ms} (5 minutes), and the producers' 3 s delivery timeout keeps their
 * buffer far from full. So a record whose topic acknowledged one in the last {@link #WARM_FOR_MS} goes
 * from the event loop straight into the client's buffer; any other takes the worker path, as before.
 * Either way the acknowledgement is completed on the caller's context.
 *
 * <p>One instance per verticle: its bookkeeping is only touched on that verticle's context.
 */
public final class DirectSends {

  /** How long after an acknowledgement a topic's metadata is certainly still held (below the client's 5 minutes). */
  static final long WARM_FOR_MS = 240_000;

  private final KafkaProducer<String, Buffer> producer;
  private final Producer<String, Buffer> client;
  private final LongSupplier clockMs;
  private final Map<String, Long> warmUntil = new HashMap<>();
  private long direct;
  private long viaWorker;

  public DirectSends(KafkaProducer<String, Buffer> producer) {
    this(producer, System::currentTimeMillis);
  }

  /** With another clock, for tests that let a topic go cold. */
  public DirectSends(KafkaProducer<String, Buffer> producer, LongSupplier clockMs) {
    this.producer = producer;
    this.client = producer.unwrap();
    this.clockMs = clockMs;
  }

  /** Completes, on the caller's context, once the broker acknowledged the record (acks as configured). */
  public Future<Void> send(KafkaProducerRecord<String, Buffer> record) {
    Context context = Vertx.currentContext();
    String topic = record.topic();
    if (context == null || !isWarm(topic)) {
      viaWorker++;
      return producer.send(record).onSuccess(acked -> markWarm(topic)).mapEmpty();
    }
    direct++;
    Promise<Void> acked = Promise.promise();
    try {
      client.send(record.record(), (metadata, failure) -> context.runOnContext(v -> {
        if (failure == null) {
          markWarm(topic);
          acked.complete();
        } else {
          acked.fail(failure);
        }
      }));
    } catch (RuntimeException refused) {
      acked.tryFail(refused);
    }
    return acked.future();
  }

  /** Records sent straight from the caller's thread so far. */
  public long direct() {
    return direct;
  }

  /** Records sent through the wrapper's worker so far. */
  public long viaWorker() {
    return viaWorker;
  }

  private boolean isWarm(String topic) {
    Long until = warmUntil.get(topic);
    return until != null && clockMs.getAsLong() < until;
  }

  private void markWarm(String topic) {
    warmUntil.put(topic, clockMs.getAsLong() + WARM_FOR_MS);
  }
}
