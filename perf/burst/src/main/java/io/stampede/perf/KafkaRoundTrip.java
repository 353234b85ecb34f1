package io.stampede.perf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.stampede.platform.infra.KafkaSetup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka step of a new order on its own (perf/kafka-rtt.sh): records of an order's size sent at
 * a constant rate with the order producer's settings ({@link KafkaSetup#producerConfig}: acks=all,
 * idempotence), each timed from {@code send} to the broker's acknowledgement. Nothing else runs in
 * this JVM, so the figures are the floor of the {@code kafka} step that
 * {@code stampede_orders_step_seconds} reports from inside a member.
 * {@code --bootstrap=H:P --rate=R --seconds=S [--set=name=value,name=value]}: {@code --set} overrides
 * producer settings (say {@code linger.ms=0,max.in.flight.requests.per.connection=1}). The first 5 s
 * warm up and are not counted. Besides the latencies it prints how many records each produce request
 * carried on average (the producer's own counters): what the broker's per-request cost is spread over;
 * and how many records it sent in all, warm-up included.
 */
public final class KafkaRoundTrip {

  /** An OrderPlaced event as the order service writes it is about 400 bytes. */
  private static final int RECORD_BYTES = 400;
  private static final int WARM_UP_SECONDS = 5;

  private KafkaRoundTrip() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> given = Flags.parse(args);
    String bootstrap = given.get("bootstrap");
    int rate = Integer.parseInt(given.getOrDefault("rate", "300"));
    int seconds = Integer.parseInt(given.getOrDefault("seconds", "15"));
    Map<String, String> config = KafkaSetup.producerConfig(bootstrap, "kafka-round-trip");
    config.put("value.serializer", ByteArraySerializer.class.getName());
    String overrides = given.getOrDefault("set", "");
    for (String setting : overrides.isEmpty() ? new String[0] : overrides.split(",")) {
      int eq = setting.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("--set takes name=value pairs separated by commas, not '" + setting + "'");
      }
      config.put(setting.substring(0, eq), setting.substring(eq + 1));
    }
    String topic = "round-trip-" + System.currentTimeMillis();
    try (Admin admin = Admin.create(new HashMap<String, Object>(KafkaSetup.adminConfig(bootstrap)))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
    }
    Properties props = new Properties();
    props.putAll(config);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      Latencies latencies = send(producer, topic, rate, seconds);
      System.out.printf("RESULT rate=%d set=%s p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f records_per_request=%.2f sent=%d%n",
          rate, overrides.isEmpty() ? "defaults" : overrides, latencies.percentileMs(50), latencies.percentileMs(90),
          latencies.percentileMs(99), latencies.percentileMs(100), recordsPerRequest(producer),
          (long) total(producer, "record-send-total"));
    }
  }

  /** From the producer's lifetime totals, warm-up included. */
  private static double recordsPerRequest(KafkaProducer<String, byte[]> producer) {
    double records = total(producer, "record-send-total");
    double requests = total(producer, "request-total");
    return requests == 0 ? 0 : records / requests;
  }

  private static double total(KafkaProducer<String, byte[]> producer, String name) {
    return producer.metrics().entrySet().stream()
        .filter(m -> m.getKey().name().equals(name) && m.getKey().group().equals("producer-metrics"))
        .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue()).sum();
  }

  /** Paced by parking until each record is due (no busy wait: the broker may share these cores). */
  private static Latencies send(KafkaProducer<String, byte[]> producer, String topic, int rate, int seconds)
      throws InterruptedException {
    long uncounted = (long) rate * WARM_UP_SECONDS;
    long total = uncounted + (long) rate * seconds;
    Latencies latencies = new Latencies();
    AtomicLong failed = new AtomicLong();
    CountDownLatch acknowledged = new CountDownLatch((int) total);
    byte[] value = new byte[RECORD_BYTES];
    long start = System.nanoTime();
    for (long i = 0; i < total; i++) {
      long due = start + i * 1_000_000_000L / rate;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      boolean counted = i >= uncounted;
      long sent = System.nanoTime();
      producer.send(new ProducerRecord<>(topic, "drop-" + (i % 3), value), (metadata, error) -> {
        if (error != null) {
          failed.incrementAndGet();
        } else if (counted) {
          synchronized (latencies) {
            latencies.record(System.nanoTime() - sent);
          }
        }
        acknowledged.countDown();
      });
    }
    if (!acknowledged.await(30, TimeUnit.SECONDS) || failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " record(s) failed, " + acknowledged.getCount() + " unanswered");
    }
    synchronized (latencies) {
      return latencies;
    }
  }
}
