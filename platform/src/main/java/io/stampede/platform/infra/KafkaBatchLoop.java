package io.stampede.platform.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.platform.logging.RepeatedWarning;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once consumption for a consumer group: poll a batch, let the handler finish its side
 * effects, and only then commit. A failed batch is rewound to its first offsets and read again
 * after a pause. One batch at a time, so the consumer is only ever used by one operation.
 *
 * <p>Each loop reports {@code stampede_kafka_consumer_lag_records{group}}: how many records its
 * partitions hold beyond what it has fetched, as of its last fetch (Kafka's per-partition
 * {@code records-lag}, summed). Summed over members it is the group's backlog: the persister's
 * says how far Postgres is behind the answers, the relay's how late buyers hear of their orders.
 */
public final class KafkaBatchLoop {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBatchLoop.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long RETRY_MS = 1000;
  private static final long CLOSE_WAIT_MS = 3000;
  /**
   * After a batch of fewer records than this, the loop waits {@link #PACE_MS} before it fetches
   * again. Each fetch answers as soon as one record is there, so a steady trickle of orders would
   * otherwise be read one record per fetch, handler run and offset commit, in every group. Waiting
   * lets the next few arrive first: a few hundred orders a second come in batches of a dozen, for at
   * most 25 ms more on their way to Postgres and to the buyers' sockets (10 ms, as before, cost the
   * member 4-11% more CPU at 500 orders/s: perf/RESULTS.md). A larger batch means the loop is
   * behind, and it fetches again at once.
   */
  private static final int SMALL_BATCH = 64;
  private static final long PACE_MS = 25;

  private final Vertx vertx;
  private final KafkaConsumer<String, Buffer> consumer;
  private final Function<KafkaConsumerRecords<String, Buffer>, Future<Void>> handler;
  private final String what;
  private final MeterRegistry meters;
  private Gauge lag;
  private final RepeatedWarning batchFailed = new RepeatedWarning(LOG, "{} failed, reading the batch again: {}");
  private Future<Void> current = Future.succeededFuture();
  private volatile boolean stopping;

  private KafkaBatchLoop(Vertx vertx, MeterRegistry meters, KafkaConsumer<String, Buffer> consumer,
                         Function<KafkaConsumerRecords<String, Buffer>, Future<Void>> handler, String what) {
    this.vertx = vertx;
    this.meters = meters;
    this.consumer = consumer;
    this.handler = handler;
    this.what = what;
  }

  /** Subscribes {@code group} to {@code topic} and starts the loop; {@code what} names the work in logs. */
  public static Future<KafkaBatchLoop> start(Vertx vertx, MeterRegistry meters, String bootstrap, String group,
                                             String topic, String what,
                                             Function<KafkaConsumerRecords<String, Buffer>, Future<Void>> handler) {
    return start(vertx, meters, bootstrap, group, Set.of(topic), what, handler);
  }

  /** The same for several topics (records of one partition still arrive in order). */
  public static Future<KafkaBatchLoop> start(Vertx vertx, MeterRegistry meters, String bootstrap, String group,
                                             Set<String> topics, String what,
                                             Function<KafkaConsumerRecords<String, Buffer>, Future<Void>> handler) {
    return start(vertx, meters, KafkaSetup.consumerConfig(bootstrap, group), topics, what, handler);
  }

  /** With a consumer configuration of the caller's (from {@link KafkaSetup#consumerConfig}, adjusted). */
  public static Future<KafkaBatchLoop> start(Vertx vertx, MeterRegistry meters, Map<String, String> consumerConfig,
                                             Set<String> topics, String what,
                                             Function<KafkaConsumerRecords<String, Buffer>, Future<Void>> handler) {
    KafkaConsumer<String, Buffer> consumer = KafkaConsumer.create(vertx, consumerConfig);
    KafkaBatchLoop loop = new KafkaBatchLoop(vertx, meters, consumer, handler, what);
    return consumer.subscribe(topics).map(v -> {
      loop.lag = Gauge.builder("stampede.kafka.consumer.lag.records", loop, KafkaBatchLoop::recordsBehind)
          .tag("group", consumerConfig.get("group.id"))
          .description("records this member's share of the group has not fetched yet, as of its last fetch")
          .register(meters);
      loop.next();
      return loop;
    });
  }

  /** Kafka's client metrics may be read from any thread; the consumer itself is not touched. */
  private double recordsBehind() {
    double behind = 0;
    for (Map.Entry<MetricName, ? extends Metric> metric : consumer.unwrap().metrics().entrySet()) {
      if (metric.getKey().name().equals("records-lag") && metric.getValue().metricValue() instanceof Double lagging
          && !lagging.isNaN()) {
        behind += lagging;
      }
    }
    return behind;
  }

  private void next() {
    if (stopping) {
      return;
    }
    Promise<Void> batch = Promise.promise();
    current = batch.future();
    consumer.poll(POLL).compose(records -> handle(records).map(records.size())).onComplete(done -> {
      batch.complete();
      if (done.succeeded()) {
        int size = done.result();
        if (size > 0 && size < SMALL_BATCH) {
          vertx.setTimer(PACE_MS, id -> next());
        } else {
          next();
        }
      } else {
        batchFailed.warn(what, done.cause().getMessage());
        vertx.setTimer(RETRY_MS, id -> next());
      }
    });
  }

  private Future<Void> handle(KafkaConsumerRecords<String, Buffer> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<TopicPartition, Long> first = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, Buffer> r = records.recordAt(i);
      first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
    }
    return handler.apply(records).compose(v -> consumer.commit())
        .recover(e -> rewind(first).compose(v -> Future.failedFuture(e)));
  }

  private Future<Void> rewind(Map<TopicPartition, Long> first) {
    List<Future<Void>> seeks = new ArrayList<>();
    first.forEach((partition, offset) -> seeks.add(consumer.seek(partition, offset)));
    return Future.join(seeks).mapEmpty();
  }

  /**
   * Finishes the batch in hand, then leaves the group. With the broker gone, leaving can take the
   * client's whole close timeout (30 s); the stop waits at most {@link #CLOSE_WAIT_MS} for it and
   * lets the close finish in the background, so a member can always be stopped.
   */
  public Future<Void> stop() {
    stopping = true;
    if (lag != null) {
      meters.remove(lag);
    }
    Promise<Void> stopped = Promise.promise();
    current.eventually(consumer::close).onComplete(closed -> stopped.tryComplete());
    vertx.setTimer(CLOSE_WAIT_MS, id -> {
      if (stopped.tryComplete()) {
        LOG.warn("{}: the Kafka consumer is still closing; not waiting for it", what);
      }
    });
    return stopped.future();
  }
}
