package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.platform.infra.KafkaBatchLoop;
import io.stampede.platform.infra.KafkaSetup;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.stampede.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A consumer loop reports the records it is behind by, and stops reporting when it stops; it hands
 * its handler everything a fetch brought.
 */
class KafkaBatchLoopIT {

  private static final int RECORDS = 50;
  private static final int PER_BATCH = 10;
  /** Kafka's default {@code max.poll.records}: more than it in one batch shows a poll took a whole fetch. */
  private static final int CLIENT_DEFAULT_POLL = 500;

  private final String bootstrap = TestInfra.get().kafkaBootstrap();
  private final String topic = "lag-" + UUID.randomUUID();
  private final String group = "lag-test-" + UUID.randomUUID();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  @Test
  void reportsTheBacklogWhileABatchIsHeldAndNoneOnceCaughtUp() {
    TestInfra.get().createTopic(vertx, topic, 1);
    produce(RECORDS);

    Promise<Void> firstBatchHeld = Promise.promise();
    Map<String, String> config = KafkaSetup.consumerConfig(bootstrap, group);
    config.put("max.poll.records", String.valueOf(PER_BATCH));
    boolean[] first = {true};
    KafkaBatchLoop loop = Await.result(KafkaBatchLoop.start(vertx, meters, config, Set.of(topic), "lag test", records -> {
      if (first[0]) {
        first[0] = false;
        return firstBatchHeld.future();
      }
      return Future.succeededFuture();
    }));

    Poll.until("the held batch shows as a backlog", () -> lag() == RECORDS - PER_BATCH);
    vertx.runOnContext(v -> firstBatchHeld.complete());
    Poll.until("the backlog is worked off", () -> lag() == 0);

    Await.result(loop.stop());
    assertThat(meters.find("stampede.kafka.consumer.lag.records").tag("group", group).gauge()).isNull();
  }

  /**
   * One drop's orders share a partition. A poll that left some of its fetch in the client made the
   * client fetch the quiet partitions without the busy one, and the broker held that fetch for
   * {@code fetch.max.wait.ms}: the busy partition was read in bursts. The loop's polls take it all.
   */
  @Test
  void aBusyPartitionBesideQuietOnesIsHandedOverAWholeFetchAtATime() {
    TestInfra.get().createTopic(vertx, topic, 6);
    int records = 4 * CLIENT_DEFAULT_POLL;
    produce(records);

    List<Integer> batches = new CopyOnWriteArrayList<>();
    KafkaBatchLoop loop = Await.result(KafkaBatchLoop.start(vertx, meters, bootstrap, group, topic, "batch test", batch -> {
      batches.add(batch.size());
      return Future.succeededFuture();
    }));
    Poll.until("every record is handled", () -> batches.stream().mapToInt(Integer::intValue).sum() == records);
    Await.result(loop.stop());

    assertThat(batches).as("batch sizes").anyMatch(size -> size > CLIENT_DEFAULT_POLL);
  }

  /** Writes {@code records} records to the topic's first partition. */
  private void produce(int records) {
    KafkaProducer<String, Buffer> producer = KafkaProducer.create(vertx, KafkaSetup.producerConfig(bootstrap, group));
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      sent.add(producer.send(KafkaProducerRecord.create(topic, "k", Buffer.buffer("record " + i), 0)));
    }
    Await.result(Future.all(sent).eventually(producer::close));
  }

  private double lag() {
    Gauge gauge = meters.find("stampede.kafka.consumer.lag.records").tag("group", group).gauge();
    return gauge == null ? -1 : gauge.value();
  }
}
