package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.stampede.platform.infra.DirectSends;
import io.stampede.platform.infra.KafkaSetup;
import io.stampede.testing.Await;
import io.stampede.testing.TestInfra;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.ListOffsetsResultInfo;
import io.vertx.kafka.admin.NewTopic;
import io.vertx.kafka.admin.OffsetSpec;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records go from the event loop straight to the Kafka client once their topic has acknowledged one,
 * through the worker while it has not (or not lately), and every one of them reaches the broker.
 */
class DirectSendsIT {

  private final String bootstrap = TestInfra.get().kafkaBootstrap();
  private final String topic = "direct-" + UUID.randomUUID();
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private Vertx vertx;
  private KafkaAdminClient admin;
  private KafkaProducer<String, Buffer> producer;
  private DirectSends sends;
  private Context context;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    admin = KafkaAdminClient.create(vertx, KafkaSetup.adminConfig(bootstrap));
    Await.result(admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))));
    producer = KafkaProducer.create(vertx, KafkaSetup.producerConfig(bootstrap, "direct-" + UUID.randomUUID()));
    sends = new DirectSends(producer, clock::get);
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() {
    Await.result(producer.close().eventually(admin::close).eventually(vertx::close));
  }

  @Test
  void aTopicThatAcknowledgedARecordIsSentToDirectlyAndEveryRecordArrives() {
    onContext(() -> sends.send(record("first")));
    assertThat(sends.viaWorker()).isEqualTo(1);

    onContext(() -> {
      List<Future<Void>> acks = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        acks.add(sends.send(record("record " + i)));
      }
      return Future.all(acks);
    });

    assertThat(sends.direct()).isEqualTo(100);
    assertThat(sends.viaWorker()).isEqualTo(1);
    assertThat(endOffset()).isEqualTo(101);
  }

  @Test
  void aTopicUnusedForLongerThanTheClientKeepsItsMetadataGoesThroughTheWorkerAgain() {
    onContext(() -> sends.send(record("first")));
    onContext(() -> sends.send(record("warm")));
    clock.addAndGet(5 * 60_000);

    onContext(() -> sends.send(record("cold again")));

    assertThat(sends.direct()).isEqualTo(1);
    assertThat(sends.viaWorker()).isEqualTo(2);
    assertThat(endOffset()).isEqualTo(3);
  }

  @Test
  void aRecordTheClientRefusesOnTheDirectPathFailsItsSend() {
    onContext(() -> sends.send(record("first")));

    Buffer tooLarge = Buffer.buffer(new byte[2 * 1024 * 1024]);
    Throwable refused = Await.failure(startOnContext(() -> sends.send(KafkaProducerRecord.create(topic, "k", tooLarge))));

    assertThat(refused).isInstanceOf(RecordTooLargeException.class);
    assertThat(sends.direct()).isEqualTo(1);
    assertThat(endOffset()).isEqualTo(1);
  }

  private KafkaProducerRecord<String, Buffer> record(String value) {
    return KafkaProducerRecord.create(topic, "k", Buffer.buffer(value));
  }

  private <T> T onContext(Supplier<Future<T>> action) {
    return Await.result(startOnContext(action));
  }

  private <T> Future<T> startOnContext(Supplier<Future<T>> action) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> action.get().onComplete(done));
    return done.future();
  }

  private long endOffset() {
    TopicPartition partition = new TopicPartition(topic, 0);
    Map<TopicPartition, ListOffsetsResultInfo> offsets =
        Await.result(admin.listOffsets(Map.of(partition, OffsetSpec.LATEST)));
    return offsets.get(partition).getOffset();
  }
}
