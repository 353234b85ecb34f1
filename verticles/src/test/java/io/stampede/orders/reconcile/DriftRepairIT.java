package io.stampede.orders.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.stampede.contracts.events.InventoryChanged;
import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.infra.RedisSetup;
import io.stampede.testing.Await;
import io.stampede.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drift comparison against a real Redis, with Postgres's side given by a ledger that counts
 * how often it is asked for the units held (the sum over a drop's orders that a big drop made dear).
 */
class DriftRepairIT {

  private static final long SETTLE_MS = 1_000;
  private static final int STOCK = 100;

  private static Vertx vertx;
  private static Redis redis;
  private static RedisKeys keys;

  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final AtomicLong held = new AtomicLong();
  private final AtomicInteger heldAsked = new AtomicInteger();
  private final ItemLedger ledger = new ItemLedger() {
    @Override
    public Future<Map<String, Integer>> stocks(String dropId) {
      return Future.succeededFuture(Map.of("p1", STOCK));
    }

    @Override
    public Future<Long> held(String dropId, String productId) {
      heldAsked.incrementAndGet();
      return Future.succeededFuture(held.get());
    }
  };
  private DriftRepair drift;
  private String drop;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    redis = RedisSetup.client(vertx, TestInfra.get().config());
    keys = new RedisKeys(TestInfra.get().redisPrefix());
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @BeforeEach
  void newDrop() {
    drop = "drop-" + UUID.randomUUID();
    drift = new DriftRepair(ledger, redis, keys, SETTLE_MS, clock::get);
  }

  @Test
  void aCounterThatMovesEveryRoundNeverCostsTheSumOverTheDropsOrders() {
    for (int sold = 0; sold < 20; sold++) {
      setRemaining(STOCK - sold);
      held.set(sold / 2); // Postgres behind: the persister has half of them
      assertThat(round()).isEmpty();
    }
    assertThat(heldAsked).as("Postgres asked while orders were selling").hasValue(0);
    assertThat(remaining()).isEqualTo(STOCK - 19);
  }

  @Test
  void aDifferenceThatHoldsStillForTheSettleWindowIsRepaired() {
    setRemaining(90);
    held.set(7); // Postgres: 93 left; the counter lost 3 units (stranded stock)

    assertThat(round()).as("first look: the counter alone").isEmpty();
    assertThat(heldAsked).hasValue(0);
    assertThat(round()).as("it stood still: Postgres is asked, the window starts").isEmpty();
    assertThat(heldAsked).hasValue(1);
    clock.addAndGet(SETTLE_MS - 1);
    assertThat(round()).as("inside the window").isEmpty();
    clock.addAndGet(1);

    assertThat(round()).containsExactly(new InventoryChanged(drop, "p1", STOCK, 93, "repaired"));
    assertThat(remaining()).isEqualTo(93);
  }

  @Test
  void aDifferenceThatMovesOnPostgresSideStartsTheWindowAgain() {
    setRemaining(90);
    held.set(7);
    round();
    round();
    clock.addAndGet(SETTLE_MS);
    held.set(8); // an order reserved earlier reached Postgres: not settled yet
    assertThat(round()).isEmpty();
    clock.addAndGet(SETTLE_MS - 1);
    assertThat(round()).isEmpty();
    assertThat(remaining()).isEqualTo(90);
    clock.addAndGet(1);
    assertThat(round()).containsExactly(new InventoryChanged(drop, "p1", STOCK, 92, "repaired"));
  }

  @Test
  void aCounterThatAgreesWithPostgresIsLeftAlone() {
    setRemaining(93);
    held.set(7);
    for (int i = 0; i < 5; i++) {
      clock.addAndGet(SETTLE_MS);
      assertThat(round()).isEmpty();
    }
    assertThat(remaining()).isEqualTo(93);
  }

  private List<InventoryChanged> round() {
    return Await.result(drift.check(drop));
  }

  private void setRemaining(int value) {
    Await.result(redis.send(Request.cmd(Command.HSET).arg(keys.dropKey(drop, "item", "p1")).arg("remaining").arg(value)));
  }

  private int remaining() {
    return Await.result(redis.send(Request.cmd(Command.HGET).arg(keys.dropKey(drop, "item", "p1")).arg("remaining")))
        .toInteger();
  }
}
