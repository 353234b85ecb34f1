package io.stampede.drops.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStatus;
import io.stampede.contracts.grpc.SyncAck;
import io.stampede.drops.DropRows;
import io.stampede.drops.store.DropRecord;
import io.stampede.drops.store.pg.PgDropStore;
import io.stampede.drops.sync.OrdersInStep;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;
import io.stampede.platform.infra.KafkaSetup;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.stampede.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler keeps the order service in step when it is away for a while, with a real Postgres
 * and broker and an order service that refuses every sync until it is back. The scheduler has a
 * database of its own here: it acts on every drop it finds, and other tests' drops are not its.
 */
class DropSchedulerCatchUpIT {

  private static Vertx vertx;
  private static StampedeConfig config;
  private static Pool pool;
  private static PgDropStore store;
  private static DropPublisher publisher;
  private static OrdersInStep inStep;
  private static KafkaProducer<String, Buffer> producer;
  private static DropRows rows;
  private static final AtomicBoolean orderServiceAway = new AtomicBoolean();
  private static final List<DropState> refused = new CopyOnWriteArrayList<>();
  private static final List<DropState> acknowledged = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    String database = TestInfra.get().config().get(ConfigKeys.POSTGRES_DATABASE) + "_scheduler";
    config = TestInfra.get().config().with(Map.of(ConfigKeys.POSTGRES_DATABASE.name(), database));
    Await.result(PostgresSetup.ensureDatabase(vertx, config).compose(v -> PostgresSetup.migrate(vertx, config))
        .compose(v -> KafkaSetup.ensureTopics(vertx, config, TestInfra.get().kafkaBootstrap())));
    pool = PostgresSetup.pool(vertx, config, "scheduler-it", 4);
    store = new PgDropStore(pool);
    inStep = new OrdersInStep(DropSchedulerCatchUpIT::orderService, store);
    producer = KafkaProducer.create(vertx,
        KafkaSetup.producerConfig(TestInfra.get().kafkaBootstrap(), "scheduler-it"));
    publisher = new DropPublisher(inStep, producer);
    rows = DropRows.insert(pool);
    Await.result(vertx.deployVerticle(new DropSchedulerVerticle(store, inStep, publisher)));
  }

  @AfterAll
  static void stop() {
    Await.result(producer.close());
    Await.result(vertx.close());
    Vertx cleaner = Vertx.vertx();
    try {
      Await.result(PostgresSetup.dropDatabase(cleaner, config, config.get(ConfigKeys.POSTGRES_DATABASE)));
    } finally {
      cleaner.close();
    }
  }

  @BeforeEach
  void orderServiceIsBack() {
    orderServiceAway.set(false);
  }

  /** The order service as the scheduler sees it: it acknowledges, or it is away. */
  private static Future<SyncAck> orderService(DropState state) {
    if (orderServiceAway.get()) {
      refused.add(state);
      return Future.failedFuture("the order service is away");
    }
    acknowledged.add(state);
    return Future.succeededFuture(SyncAck.newBuilder().setApplied(true).setKnownVersion(state.getVersion()).build());
  }

  @Test
  void aChangeTheOrderServiceAcknowledgedIsRecordedWithTheAcknowledgement() {
    DropRecord created = created(Instant.now().plusSeconds(3600));

    Await.result(publisher.publish(created));

    assertThat(behind()).doesNotContain(created.id());
    assertThat(tries(acknowledged, created.id(), DropStatus.DROP_STATUS_SCHEDULED)).isEqualTo(1);
  }

  @Test
  void aCancelThatCouldNotBeSyncedReachesTheOrderServiceOnceItIsBack() {
    orderServiceAway.set(true);
    DropRecord created = created(Instant.now().plusSeconds(3600));
    Await.result(publisher.publish(created));
    DropRecord cancelled = Await.result(store.cancel(created.id())).orElseThrow();
    Await.result(publisher.publish(cancelled));
    Poll.until("the scheduler to try the cancel again", () -> tries(refused, created.id(), DropStatus.DROP_STATUS_CANCELLED) >= 2);
    assertThat(inStep.behind()).as("the metric of drops left behind").isPositive();

    orderServiceAway.set(false);

    Poll.until("the cancel to be synced", () -> tries(acknowledged, created.id(), DropStatus.DROP_STATUS_CANCELLED) >= 1);
    Poll.until("the drop to be recorded as synced", () -> !behind().contains(created.id()));
    Poll.until("the metric to say nothing is left behind", () -> inStep.behind() == 0);
    assertThat(acknowledged).filteredOn(s -> s.getDropId().equals(created.id()))
        .as("what the order service was told last").last()
        .satisfies(s -> assertThat(s.getVersion()).isEqualTo(2));
  }

  @Test
  void aGoLiveTheOrderServiceDidNotAcknowledgeIsCommittedOnlyOnceItDoes() {
    orderServiceAway.set(true);
    DropRecord created = created(Instant.now().minusSeconds(1));
    Poll.until("the scheduler to try the go-live twice", () -> tries(refused, created.id(), DropStatus.DROP_STATUS_LIVE) >= 2);
    assertThat(Await.result(store.find(created.id())).orElseThrow().status()).isEqualTo("SCHEDULED");

    orderServiceAway.set(false);

    Poll.until("the drop to go live", () -> Await.result(store.find(created.id())).orElseThrow().status().equals("LIVE"));
    assertThat(tries(acknowledged, created.id(), DropStatus.DROP_STATUS_LIVE)).isEqualTo(1);
    Poll.until("nothing to be left behind", () -> !behind().contains(created.id()));
  }

  private static long tries(List<DropState> told, String dropId, DropStatus status) {
    return told.stream().filter(s -> s.getDropId().equals(dropId) && s.getStatus() == status).count();
  }

  private static List<String> behind() {
    return Await.result(store.behindOrderService(100)).stream().map(DropRecord::id).toList();
  }

  private static DropRecord created(Instant startsAt) {
    return Await.result(store.create(UUID.randomUUID().toString(), rows.creatorId(), rows.dropStarting(startsAt)));
  }
}
