package io.stampede.drops.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.stampede.drops.DropRows;
import io.stampede.drops.store.DropRecord;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.testing.Await;
import io.stampede.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The drops' state changes against a real Postgres: what runs before the go-live is committed. */
class PgDropStoreIT {

  private static Vertx vertx;
  private static Pool pool;
  private static PgDropStore store;
  private static DropRows rows;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    var config = TestInfra.get().config();
    Await.result(PostgresSetup.ensureDatabase(vertx, config).compose(v -> PostgresSetup.migrate(vertx, config)));
    pool = PostgresSetup.pool(vertx, config, "drops-it", 4);
    store = new PgDropStore(pool);
    rows = DropRows.insert(pool);
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void theGoLiveIsUnseenUntilWhatRunsBeforeItsCommitHasRun() {
    String dropId = dueDrop();
    AtomicReference<String> seenMeanwhile = new AtomicReference<>();

    List<DropRecord> changed = Await.result(store.advanceDue(drops -> store.find(dropId).map(found -> {
      seenMeanwhile.set(found.orElseThrow().status());
      return null;
    })));

    assertThat(changed).extracting(DropRecord::id).contains(dropId);
    assertThat(changed.stream().filter(d -> d.id().equals(dropId)).findFirst().orElseThrow().status()).isEqualTo("LIVE");
    assertThat(seenMeanwhile.get()).as("read by another connection before the commit").isEqualTo("SCHEDULED");
    assertThat(status(dropId)).isEqualTo("LIVE");
  }

  @Test
  void aCancelDuringTheGoLiveWaitsForItAndFindsTheDropLive() {
    String dropId = dueDrop();
    Promise<Void> release = Promise.promise();
    AtomicReference<Future<Optional<DropRecord>>> cancel = new AtomicReference<>();

    AtomicBoolean cancelWaited = new AtomicBoolean();

    Future<List<DropRecord>> advance = store.advanceDue(drops -> {
      cancel.set(store.cancel(dropId));
      vertx.setTimer(200, t -> {
        cancelWaited.set(!cancel.get().isComplete());
        release.complete();
      });
      return release.future();
    });

    Await.result(advance);
    assertThat(cancelWaited).as("the cancel was still waiting while the go-live was uncommitted").isTrue();
    assertThat(Await.result(cancel.get())).as("the cancel found the drop no longer scheduled").isEmpty();
    DropRecord live = Await.result(store.find(dropId)).orElseThrow();
    assertThat(live.status()).isEqualTo("LIVE");
    assertThat(live.version()).isEqualTo(2);
  }

  @Test
  void whenWhatRunsBeforeTheCommitFailsTheDropStaysScheduledAndGoesLiveNextTime() {
    String dropId = dueDrop();

    Throwable failed = Await.failure(store.advanceDue(drops -> Future.failedFuture("the order service is away")));

    assertThat(failed).hasMessageContaining("the order service is away");
    DropRecord scheduled = Await.result(store.find(dropId)).orElseThrow();
    assertThat(scheduled.status()).isEqualTo("SCHEDULED");
    assertThat(scheduled.version()).isEqualTo(1);

    Await.result(store.advanceDue(drops -> Future.succeededFuture()));
    DropRecord live = Await.result(store.find(dropId)).orElseThrow();
    assertThat(live.status()).isEqualTo("LIVE");
    assertThat(live.version()).isEqualTo(2);
  }

  @Test
  void aDropIsBehindTheOrderServiceUntilTheSyncOfItsLatestVersionIsRecorded() {
    String dropId = futureDrop();
    assertThat(behind()).as("a new drop, never synced").contains(dropId);

    Await.result(store.markSynced(dropId, 1));
    assertThat(behind()).doesNotContain(dropId);

    assertThat(Await.result(store.cancel(dropId))).isPresent();
    assertThat(behind()).as("cancelled at version 2, synced at 1").contains(dropId);

    Await.result(store.markSynced(dropId, 2));
    Await.result(store.markSynced(dropId, 1));
    assertThat(behind()).as("a late acknowledgement of version 1 does not undo that of 2").doesNotContain(dropId);
  }

  @Test
  void aGoLiveCommitsAsSyncedAndOneRolledBackLeavesTheRecordAsItWas() {
    String dropId = dueDrop();
    Await.result(store.markSynced(dropId, 1));

    Await.failure(store.advanceDue(drops -> Future.failedFuture("the order service is away")));
    assertThat(behind()).as("still SCHEDULED at version 1, which was synced").doesNotContain(dropId);

    Await.result(store.advanceDue(drops -> Future.succeededFuture()));
    assertThat(Await.result(store.find(dropId)).orElseThrow().version()).isEqualTo(2);
    assertThat(behind()).as("the go-live was synced before it committed").doesNotContain(dropId);
  }

  /** A scheduled drop whose start has just passed. */
  private static String dueDrop() {
    return dropStarting(Instant.now().minusSeconds(1));
  }

  /** A scheduled drop that starts in an hour. */
  private static String futureDrop() {
    return dropStarting(Instant.now().plusSeconds(3600));
  }

  private static String dropStarting(Instant startsAt) {
    return Await.result(store.create(UUID.randomUUID().toString(), rows.creatorId(), rows.dropStarting(startsAt))).id();
  }

  private static List<String> behind() {
    return Await.result(store.behindOrderService(10_000)).stream().map(DropRecord::id).toList();
  }

  private static String status(String dropId) {
    return Await.result(store.find(dropId)).orElseThrow().status();
  }
}
