package io.stampede.orders.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.grpc.DropItemState;
import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStatus;
import io.stampede.contracts.grpc.SyncAck;
import io.stampede.orders.reservation.Reservation;
import io.stampede.orders.reservation.ReservationOutcome.Refused;
import io.stampede.orders.reservation.ReservationOutcome.Reserved;
import io.stampede.orders.reservation.Reservations;
import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.infra.RedisSetup;
import io.stampede.testing.Await;
import io.stampede.testing.FreePorts;
import io.stampede.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The drops service's syncs reaching the hot path in a real Redis, when a first try did not. */
class DropStateSyncEndpointIT {

  private static Vertx vertx;
  private static Reservations reservations;
  /** The same order service while its Redis is out of reach. */
  private static Reservations unreachable;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    RedisKeys keys = new RedisKeys(TestInfra.get().redisPrefix());
    reservations = new Reservations(RedisSetup.client(vertx, TestInfra.get().config()), keys, Duration.ofHours(1), true);
    Redis nowhere = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + FreePorts.next()));
    unreachable = new Reservations(nowhere, keys, Duration.ofHours(1), true);
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void aGoLiveRepeatedAfterItsFirstTryFailedOpensTheDrop() {
    DropStateCache cache = new DropStateCache();
    DropStateSyncEndpoint endpoint = new DropStateSyncEndpoint(cache, reservations, (drop, status, version) -> Future.succeededFuture());
    DropStateSyncEndpoint whileRedisIsAway = new DropStateSyncEndpoint(cache, unreachable,
        (drop, status, version) -> Future.succeededFuture());
    String dropId = "drop-" + UUID.randomUUID();
    Await.result(endpoint.syncDropState(state(dropId, 1, DropStatus.DROP_STATUS_SCHEDULED)));
    assertThat(refusal(Await.result(reservations.reserve(order(dropId))))).isEqualTo(ErrorCode.DROP_NOT_LIVE);

    Await.failure(whileRedisIsAway.syncDropState(state(dropId, 2, DropStatus.DROP_STATUS_LIVE)));
    assertThat(cache.version(dropId)).as("the first try got as far as the cache").isEqualTo(2);
    SyncAck repeated = Await.result(endpoint.syncDropState(state(dropId, 2, DropStatus.DROP_STATUS_LIVE)));

    assertThat(repeated.getApplied()).isTrue();
    assertThat(Await.result(reservations.reserve(order(dropId)))).isInstanceOf(Reserved.class);
  }

  @Test
  void theCommittedStateOfAVersionReplacesAnUncommittedOne() {
    DropStateCache cache = new DropStateCache();
    DropStateSyncEndpoint endpoint = new DropStateSyncEndpoint(cache, reservations, (drop, status, version) -> Future.succeededFuture());
    String dropId = "drop-" + UUID.randomUUID();
    Await.result(endpoint.syncDropState(state(dropId, 1, DropStatus.DROP_STATUS_SCHEDULED)));

    // The go-live was synced, then rolled back in Postgres; a cancel committed version 2 instead.
    Await.result(endpoint.syncDropState(state(dropId, 2, DropStatus.DROP_STATUS_LIVE)));
    Await.result(endpoint.syncDropState(state(dropId, 2, DropStatus.DROP_STATUS_CANCELLED)));

    assertThat(refusal(Await.result(reservations.reserve(order(dropId))))).isEqualTo(ErrorCode.DROP_NOT_LIVE);
    assertThat(cache.get(dropId)).map(DropState::getStatus).contains(DropStatus.DROP_STATUS_CANCELLED);
  }

  private static ErrorCode refusal(Object outcome) {
    assertThat(outcome).isInstanceOf(Refused.class);
    return ((Refused) outcome).code();
  }

  private static DropState state(String dropId, long version, DropStatus status) {
    return DropState.newBuilder().setDropId(dropId).setVersion(version).setStatus(status)
        .addItems(DropItemState.newBuilder().setProductId("p1").setStock(5).setPerUserLimit(2).setPriceCents(100)
            .setCurrency("EUR"))
        .build();
  }

  private static Reservation order(String dropId) {
    String key = UUID.randomUUID().toString();
    return new Reservation(key, "fan", dropId, "p1", 1, key, "hash-" + dropId);
  }
}
