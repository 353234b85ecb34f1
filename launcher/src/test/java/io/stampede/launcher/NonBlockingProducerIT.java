package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.stampede.platform.infra.KafkaSetup;
import io.stampede.platform.infra.NonBlockingProducer;
import io.stampede.testing.Await;
import io.stampede.testing.TestInfra;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order path's producer, sending from the event loop: the first records after its start wait for
 * the topic's metadata without failing, every answer comes back on the sender's context, and with no
 * broker to ask a send fails (after its metadata wait) instead of holding the loop.
 */
class NonBlockingProducerIT {

  private static final int RECORDS = 200;

  private final String bootstrap = TestInfra.get().kafkaBootstrap();
  private final String topic = "non-blocking-" + UUID.randomUUID();
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    TestInfra.get().createTopic(vertx, topic, 2);
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  @Test
  void theFirstRecordsWaitForTheTopicAndEveryAnswerComesBackOnTheSendersContext() {
    NonBlockingProducer producer = NonBlockingProducer.create(vertx, bootstrap, "non-blocking-" + UUID.randomUUID());
    Context loop = vertx.getOrCreateContext();
    List<String> answeredElsewhere = new CopyOnWriteArrayList<>();
    Promise<Void> all = Promise.promise();
    // All sent in one event-loop task, before the client knows the topic's partitions.
    loop.runOnContext(v -> {
      List<Future<Void>> sent = new ArrayList<>();
      for (int i = 0; i < RECORDS; i++) {
        sent.add(producer.send(KafkaProducerRecord.create(topic, "drop-" + (i % 7), Buffer.buffer("record " + i)))
            .onComplete(done -> {
              if (Vertx.currentContext() != loop) {
                answeredElsewhere.add(String.valueOf(Vertx.currentContext()));
              }
            }));
      }
      Future.all(sent).<Void>mapEmpty().onComplete(all);
    });
    Await.result(all.future().eventually(producer::close));

    assertThat(answeredElsewhere).isEmpty();
    assertThat(readAll()).hasSize(RECORDS).containsAll(expectedRecords());
  }

  @Test
  void withNoBrokerToAskASendFailsInsteadOfHoldingTheLoop() throws Exception {
    String nowhere;
    try (ServerSocket closed = new ServerSocket(0)) {
      nowhere = "127.0.0.1:" + closed.getLocalPort();
    }
    NonBlockingProducer producer = NonBlockingProducer.create(vertx, nowhere, "nowhere-" + UUID.randomUUID());
    Context loop = vertx.getOrCreateContext();
    Promise<Future<Void>> returned = Promise.promise();
    loop.runOnContext(v -> returned.complete(producer.send(KafkaProducerRecord.create(topic, "k", Buffer.buffer("lost")))));
    Future<Void> sent = Await.result(returned.future());

    // send() came back to the loop with the record still waiting, and the loop keeps serving.
    assertThat(sent.isComplete()).isFalse();
    Promise<Boolean> loopServes = Promise.promise();
    loop.runOnContext(v -> loopServes.complete(!sent.isComplete()));
    assertThat(Await.result(loopServes.future())).isTrue();
    assertThat(Await.failure(sent)).isInstanceOf(TimeoutException.class);
    Await.result(producer.close());
  }

  private List<String> expectedRecords() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      expected.add("record " + i);
    }
    return expected;
  }

  private List<String> readAll() {
    Map<String, String> config = KafkaSetup.consumerConfig(bootstrap, "reader-" + UUID.randomUUID());
    KafkaConsumer<String, Buffer> consumer = KafkaConsumer.create(vertx, config);
    List<String> read = new CopyOnWriteArrayList<>();
    Promise<Void> done = Promise.promise();
    consumer.handler(record -> {
      read.add(record.value().toString());
      if (read.size() == RECORDS) {
        done.tryComplete();
      }
    });
    Await.result(consumer.subscribe(Set.of(topic)));
    Await.result(done.future().eventually(consumer::close));
    return read;
  }
}
