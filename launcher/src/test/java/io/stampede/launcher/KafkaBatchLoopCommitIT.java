package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stampede.platform.infra.KafkaBatchLoop;
import io.stampede.platform.infra.KafkaSetup;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.stampede.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Paced commits lose nothing a reader of the group's offsets relies on (the reconciler's persister
 * lag): commits wait until they are due, a loop that goes quiet commits everything it handled, a
 * loop that stops commits before it leaves, and the group's next loop starts after the last record
 * handled, not before it.
 */
class KafkaBatchLoopCommitIT {

  private final String bootstrap = TestInfra.get().kafkaBootstrap();
  private final String topic = "commits-" + UUID.randomUUID();
  private final String group = "commit-test-" + UUID.randomUUID();
  private final TopicPartition partition = new TopicPartition(topic, 0);
  private Vertx vertx;
  private KafkaAdminClient admin;
  private KafkaProducer<String, Buffer> producer;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    admin = KafkaAdminClient.create(vertx, KafkaSetup.adminConfig(bootstrap));
    Await.result(admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))));
    producer = KafkaProducer.create(vertx, KafkaSetup.producerConfig(bootstrap, group));
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  @Test
  void holdsCommitsBackUntilTheyAreDueAndCommitsEverythingHandledWhenItStops() {
    List<String> handled = new CopyOnWriteArrayList<>();
    KafkaBatchLoop loop = startLoop(Duration.ofHours(1), handled);

    produce("a", 5);
    Poll.until("5 one-record batches handled", () -> handled.size() == 5);
    assertThat(committed()).as("nothing due yet, nothing committed").isZero();

    Await.result(loop.stop());
    assertThat(committed()).as("offsets committed once the loop stopped").isEqualTo(5);
  }

  @Test
  void aQuietLoopCommitsWhatItHandledAndTheGroupsNextLoopGoesOnFromThere() {
    List<String> handled = new CopyOnWriteArrayList<>();
    KafkaBatchLoop first = startLoop(KafkaBatchLoop.COMMIT_EVERY, handled);
    produce("a", 30);
    Poll.until("30 one-record batches handled", () -> handled.size() == 30);
    Poll.until("the quiet loop committed all 30", () -> committed() == 30);
    Await.result(first.stop());

    List<String> handledNext = new CopyOnWriteArrayList<>();
    KafkaBatchLoop next = startLoop(KafkaBatchLoop.COMMIT_EVERY, handledNext);
    produce("b", 1);
    Poll.until("the next loop handled the new record", () -> handledNext.contains("b-0"));
    assertThat(handledNext).as("nothing the first loop handled is handled again").containsExactly("b-0");
    Await.result(next.stop());
  }

  private KafkaBatchLoop startLoop(Duration commitEvery, List<String> handled) {
    Map<String, String> config = KafkaSetup.consumerConfig(bootstrap, group);
    config.put("max.poll.records", "1");
    return Await.result(KafkaBatchLoop.start(vertx, new SimpleMeterRegistry(), config, commitEvery, Set.of(topic),
        "commit test", records -> {
          for (int i = 0; i < records.size(); i++) {
            handled.add(records.recordAt(i).value().toString());
          }
          return Future.succeededFuture();
        }));
  }

  private void produce(String prefix, int count) {
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sent.add(producer.send(KafkaProducerRecord.create(topic, "k", Buffer.buffer(prefix + "-" + i))));
    }
    Await.result(Future.all(sent));
  }

  private long committed() {
    Map<TopicPartition, OffsetAndMetadata> offsets = Await.result(admin.listConsumerGroupOffsets(group));
    OffsetAndMetadata offset = offsets.get(partition);
    return offset == null ? 0 : offset.getOffset();
  }
}
