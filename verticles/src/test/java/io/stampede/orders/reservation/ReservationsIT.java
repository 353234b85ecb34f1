package io.stampede.orders.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.stampede.contracts.errors.ErrorCode;
import io.stampede.orders.reservation.ReservationOutcome.InFlight;
import io.stampede.orders.reservation.ReservationOutcome.KeyReused;
import io.stampede.orders.reservation.ReservationOutcome.NoSuchItem;
import io.stampede.orders.reservation.ReservationOutcome.NotReady;
import io.stampede.orders.reservation.ReservationOutcome.Refused;
import io.stampede.orders.reservation.ReservationOutcome.Replayed;
import io.stampede.orders.reservation.ReservationOutcome.Reserved;
import io.stampede.orders.store.OrderCopies;
import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.infra.RedisSetup;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.stampede.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reservation scripts against a real Redis, raced by many concurrent attempts. */
class ReservationsIT {

  private static Vertx vertx;
  private static Redis redis;
  private static RedisKeys keys;
  /** As on one Redis server: the script claims the key itself. */
  private static Reservations reservations;
  /** As on a Redis Cluster: the claim is a command of its own before the script. */
  private static Reservations claimingFirst;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    redis = RedisSetup.client(vertx, TestInfra.get().config());
    keys = new RedisKeys(TestInfra.get().redisPrefix());
    reservations = new Reservations(redis, keys, Duration.ofHours(24), true);
    claimingFirst = new Reservations(redis, keys, Duration.ofHours(24), false);
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void twoThousandConcurrentAttemptsSellExactlyTheStockAndNobodyPassesTheLimit() {
    String drop = liveDrop(500, 2);
    List<Reservation> attempts = new ArrayList<>();
    for (int u = 0; u < 400; u++) {
      String user = "user-" + u;
      List<Reservation> keys = List.of(attempt(drop, user, "k1"), attempt(drop, user, "k2"), attempt(drop, user, "k3"));
      attempts.addAll(keys);
      attempts.add(keys.get(0)); // retries of the same key, racing the first
      attempts.add(keys.get(1));
    }
    java.util.Collections.shuffle(attempts, new java.util.Random(42));

    List<ReservationOutcome> outcomes = Await.result(Future.all(attempts.stream().map(reservations::reserve).toList())).list();

    Map<Reservation, Integer> reservedPerKey = new HashMap<>();
    Map<String, Integer> reservedPerUser = new HashMap<>();
    for (int i = 0; i < attempts.size(); i++) {
      ReservationOutcome outcome = outcomes.get(i);
      assertThat(outcome).isInstanceOfAny(Reserved.class, Refused.class, InFlight.class);
      if (outcome instanceof Reserved) {
        reservedPerKey.merge(attempts.get(i), 1, Integer::sum);
        reservedPerUser.merge(attempts.get(i).userId(), 1, Integer::sum);
      }
    }
    assertThat(reservedPerKey.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
    assertThat(reservedPerKey.values()).allMatch(n -> n == 1);
    assertThat(reservedPerUser.values()).allMatch(n -> n <= 2);
    assertThat(Await.result(reservations.remaining(drop, "p1"))).isZero();
    for (var user : reservedPerUser.entrySet()) {
      assertThat(Await.result(reservations.bought(drop, "p1", user.getKey()))).isEqualTo(user.getValue());
    }

    // The orders become durable; every key, sent again, gets its first answer.
    reservedPerKey.keySet().forEach(r -> assertThat(Await.result(reservations.complete(r, answer(r)))).isTrue());
    for (Reservation key : attempts.stream().distinct().toList()) {
      ReservationOutcome again = Await.result(reservations.reserve(key));
      if (reservedPerKey.containsKey(key)) {
        assertThat(again).isEqualTo(new Replayed(answer(key)));
      } else {
        assertThat(again).isInstanceOf(Refused.class);
        assertThat(((Refused) again).code()).isIn(ErrorCode.SOLD_OUT, ErrorCode.LIMIT_EXCEEDED);
      }
    }
    assertThat(Await.result(reservations.remaining(drop, "p1"))).isZero();
  }

  @Test
  void aKeyIsInFlightUntilCompletedAndAnotherBodyUnderItIsAReuse() {
    String drop = liveDrop(10, 5);
    Reservation first = attempt(drop, "ann", "key-1");

    assertThat(Await.result(reservations.reserve(first))).isEqualTo(new Reserved(9));
    assertThat(Await.result(reservations.reserve(first))).isInstanceOf(InFlight.class);
    Reservation otherBody = new Reservation(UUID.randomUUID().toString(), "ann", drop, "p1", 2, "key-1", "other-hash");
    assertThat(Await.result(reservations.reserve(otherBody))).isInstanceOf(KeyReused.class);

    assertThat(Await.result(reservations.complete(first, answer(first)))).isTrue();
    assertThat(Await.result(reservations.reserve(first))).isEqualTo(new Replayed(answer(first)));
    assertThat(Await.result(reservations.reserve(otherBody))).isInstanceOf(KeyReused.class);
    // Keys are scoped to the caller.
    assertThat(Await.result(reservations.reserve(attempt(drop, "bob", "key-1")))).isEqualTo(new Reserved(8));
  }

  @Test
  void aKeyUsedForOneDropIsAReuseForAnotherWhicheverWayTheClaimIsMade() {
    List<Reservations> ways = List.of(reservations, claimingFirst);
    for (int w = 0; w < ways.size(); w++) {
      Reservations way = ways.get(w);
      String user = "hal-" + w;
      String dropA = liveDrop(5, 5);
      String dropB = liveDrop(5, 5);
      Reservation first = attempt(dropA, user, "shared-key");
      assertThat(Await.result(way.reserve(first))).isEqualTo(new Reserved(4));

      List<ReservationOutcome> elsewhere = Await.result(Future.all(List.of(
          way.reserve(attempt(dropB, user, "shared-key")), way.reserve(attempt(dropB, user, "shared-key"))))).list();

      assertThat(elsewhere).allMatch(KeyReused.class::isInstance);
      assertThat(Await.result(way.remaining(dropB, "p1"))).as("a reused key takes nothing").isEqualTo(5);
      assertThat(Await.result(way.reserve(first))).as("the first request is still in flight").isInstanceOf(InFlight.class);
      assertThat(Await.result(way.reserve(attempt(dropB, user, "another-key")))).isEqualTo(new Reserved(4));
    }
  }

  @Test
  void bothWaysOfClaimingRaceToTheSameOutcome() {
    String drop = liveDrop(50, 1);
    List<Future<ReservationOutcome>> raced = new ArrayList<>();
    for (int u = 0; u < 100; u++) {
      Reservation r = attempt(drop, "racer-" + u, "k");
      raced.add(reservations.reserve(r));
      raced.add(claimingFirst.reserve(r));
    }

    List<ReservationOutcome> outcomes = Await.result(Future.all(raced)).list();

    assertThat(outcomes.stream().filter(Reserved.class::isInstance)).hasSize(50);
    assertThat(Await.result(reservations.remaining(drop, "p1"))).isZero();
    for (int u = 0; u < 100; u++) {
      assertThat(List.of(outcomes.get(2 * u), outcomes.get(2 * u + 1)).stream().filter(Reserved.class::isInstance))
          .as("one reservation per key").hasSizeLessThanOrEqualTo(1);
    }
  }

  @Test
  void undoGivesTheStockBackExactlyOnceAndFreesTheKey() {
    String drop = liveDrop(3, 3);
    Reservation r = new Reservation(UUID.randomUUID().toString(), "cat", drop, "p1", 2, "k", "h");
    assertThat(Await.result(reservations.reserve(r))).isEqualTo(new Reserved(1));

    List<Boolean> undone = Await.result(Future.all(List.of(reservations.undo(r), reservations.undo(r), reservations.undo(r))))
        .list();

    assertThat(undone).containsExactlyInAnyOrder(true, false, false);
    assertThat(Await.result(reservations.remaining(drop, "p1"))).isEqualTo(3);
    assertThat(Await.result(reservations.bought(drop, "p1", "cat"))).isZero();
    assertThat(Await.result(reservations.complete(r, answer(r)))).as("an undone reservation cannot complete").isFalse();
    assertThat(Await.result(reservations.reserve(r))).as("the key is free again").isEqualTo(new Reserved(1));
  }

  @Test
  void refusalsNotLiveNotReadyAndUnknownItems() {
    String drop = liveDrop(1, 1);
    assertThat(Await.result(reservations.reserve(attempt(drop, "dan", "a")))).isEqualTo(new Reserved(0));
    assertThat(Await.result(reservations.reserve(attempt(drop, "eve", "a")))).isEqualTo(new Refused(ErrorCode.SOLD_OUT));
    assertThat(Await.result(reservations.reserve(attempt(drop, "dan", "b")))).isEqualTo(new Refused(ErrorCode.LIMIT_EXCEEDED));
    assertThat(Await.result(reservations.reserve(new Reservation("o", "fay", drop, "nope", 1, "a", "h"))))
        .isInstanceOf(NoSuchItem.class);

    Await.result(reservations.setStatus(drop, "ENDED", 3));
    assertThat(Await.result(reservations.reserve(attempt(drop, "gus", "a")))).isEqualTo(new Refused(ErrorCode.DROP_NOT_LIVE));
    Await.result(reservations.setStatus(drop, "SOLD_OUT", 2));
    assertThat(Await.result(reservations.reserve(attempt(drop, "gus", "b")))).as("an older state written last")
        .isEqualTo(new Refused(ErrorCode.DROP_NOT_LIVE));
    assertThat(Await.result(reservations.reserve(attempt("never-seeded-" + UUID.randomUUID(), "gus", "another-key"))))
        .isInstanceOf(NotReady.class);
  }

  @Test
  void seedingAgainNeverResetsALiveCounter() {
    String drop = liveDrop(5, 5);
    Await.result(reservations.reserve(attempt(drop, "hal", "a")));

    Await.result(reservations.seedItem(drop, "p1", 5, 5));

    assertThat(Await.result(reservations.remaining(drop, "p1"))).isEqualTo(4);
  }

  @Test
  void aStateOfAnotherEpochIsDroppedAndTheDropIsNotReadyUntilRebuilt() {
    String drop = liveDrop(5, 5);
    assertThat(Await.result(reservations.countersAreCurrent(drop))).isTrue();
    // As after a failover: the state was written by a master whose history this one does not share.
    Await.result(redis.send(Request.cmd(Command.HSET).arg(keys.dropKey(drop, "state")).arg("epoch").arg("an-old-master")));

    assertThat(Await.result(reservations.reserve(attempt(drop, "ivy", "a")))).isInstanceOf(NotReady.class);
    assertThat(Await.result(reservations.countersAreCurrent(drop))).isFalse();
    Await.result(reservations.setStatus(drop, "LIVE", 3));
    assertThat(Await.result(reservations.reserve(attempt(drop, "ivy", "a"))))
        .as("setting the status does not revive a stale drop: only a rebuild does").isInstanceOf(NotReady.class);
  }

  @Test
  void aReservationNobodyAnsweredIsAnOrphanAfterItsLeaseAndUndoingItFreesKeyAndStock() {
    String drop = liveDrop(4, 4);
    Reservation answered = new Reservation(UUID.randomUUID().toString(), "jay", drop, "p1", 1, "done", "h1");
    Reservation abandoned = new Reservation(UUID.randomUUID().toString(), "jay", drop, "p1", 2, "lost", "h2");
    Await.result(reservations.reserve(answered));
    Await.result(reservations.complete(answered, answer(answered)));
    Await.result(reservations.reserve(abandoned));

    assertThat(Await.result(reservations.orphans(drop, Duration.ofHours(1), 10))).as("younger than the lease").isEmpty();
    // Older than a zero lease means older by Redis's millisecond clock: not yet within the reservation's own millisecond.
    Poll.until("Redis's clock is past the reservation's millisecond",
        () -> !Await.result(reservations.orphans(drop, Duration.ZERO, 10)).isEmpty());
    List<Reservation> orphans = Await.result(reservations.orphans(drop, Duration.ZERO, 10));
    assertThat(orphans).containsExactly(abandoned);
    assertThat(Await.result(reservations.reserve(abandoned))).as("still held").isInstanceOf(InFlight.class);

    assertThat(Await.result(reservations.undo(orphans.get(0)))).isTrue();
    assertThat(Await.result(reservations.orphans(drop, Duration.ZERO, 10))).isEmpty();
    assertThat(Await.result(reservations.remaining(drop, "p1"))).isEqualTo(3);
    assertThat(Await.result(reservations.reserve(abandoned))).as("the buyer's retry starts afresh").isEqualTo(new Reserved(1));
  }

  @Test
  void aStaleInFlightRecordWhoseEntryIsGoneDoesNotBlockItsKey() {
    String drop = liveDrop(4, 4);
    Reservation r = new Reservation(UUID.randomUUID().toString(), "kim", drop, "p1", 1, "k", "h");
    Await.result(reservations.reserve(r));
    // A rebuild of the counters replaced the in-flight set; the record of the reservation stayed.
    Await.result(redis.send(Request.cmd(Command.DEL).arg(keys.dropKey(drop, "inflight"))));

    assertThat(Await.result(reservations.reserve(r))).isInstanceOf(Reserved.class);
  }

  @Test
  void anOrderJustPlacedCompletesWithItsCopyWhicheverWayTheCopyIsWritten() {
    OrderCopies copies = new OrderCopies(redis, keys);
    List<Reservations> ways = List.of(reservations, claimingFirst);
    for (int w = 0; w < ways.size(); w++) {
      Reservations way = ways.get(w);
      String drop = liveDrop(5, 5);
      Reservation r = attempt(drop, "cy-" + w, "key-1");
      assertThat(Await.result(way.reserve(r))).isEqualTo(new Reserved(4));

      Await.result(way.completeWithCopy(r, answer(r), copies));

      assertThat(Await.result(way.reserve(r))).as("way %d: the replay answer", w).isEqualTo(new Replayed(answer(r)));
      assertThat(Await.result(copies.find(r.orderId()))).as("way %d: the buyer's copy", w).contains(answer(r));
      long ttl = Await.result(redis.send(Request.cmd(Command.TTL).arg(copies.keyOf(r.orderId())))).toLong();
      assertThat(ttl).as("way %d: the copy expires within the hour", w).isBetween(3500L, (long) OrderCopies.TTL_SECONDS);
      // The in-flight set itself: asking orphans() with a zero lease would miss an entry of this same millisecond.
      assertThat(Await.result(redis.send(Request.cmd(Command.ZCARD).arg(keys.dropKey(drop, "inflight")))).toInteger())
          .as("way %d: nothing left in flight", w).isZero();
    }
  }

  private static String liveDrop(int stock, int limit) {
    String drop = "drop-" + UUID.randomUUID();
    Await.result(reservations.seedItem(drop, "p1", stock, limit));
    Await.result(reservations.setStatus(drop, "LIVE", 2));
    return drop;
  }

  /** One unit of p1; the same (user, key) always carries the same order id and body. */
  private static Reservation attempt(String drop, String user, String key) {
    return new Reservation(UUID.nameUUIDFromBytes((drop + user + key).getBytes()).toString(), user, drop, "p1", 1, key,
        "hash-of-" + drop + "-p1-1");
  }

  private static JsonObject answer(Reservation r) {
    return new JsonObject().put("id", r.orderId()).put("status", "PENDING").put("quantity", r.quantity());
  }
}
