package io.stampede.orders.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.stampede.contracts.events.Topics;
import io.stampede.orders.rehearsal.OrderRehearsal.Report;
import io.stampede.orders.store.OrderStore;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.infra.KafkaSetup;
import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.infra.RedisSetup;
import io.stampede.testing.Await;
import io.stampede.testing.FreePorts;
import io.stampede.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rehearsal against the real Redis and broker: it places orders through the order path, and
 * afterwards nothing of it is left where real orders live — no counters, no copies, no record on
 * {@code order_events}, not a single Postgres call (the order store given here fails every call and
 * counts them).
 */
class OrderRehearsalIT {

  private static Vertx vertx;
  private static Redis redis;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    redis = RedisSetup.client(vertx, TestInfra.get().config());
    Await.result(KafkaSetup.ensureTopics(vertx, TestInfra.get().config(), TestInfra.get().kafkaBootstrap()));
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void placesOrdersThroughRedisAndKafkaAndLeavesNothingWhereRealOrdersLive() {
    RedisKeys keys = new RedisKeys(TestInfra.get().redisPrefix() + "rehearsal-it-" + UUID.randomUUID() + ":");
    AtomicInteger storeCalls = new AtomicInteger();
    long rehearsalsBefore = TestInfra.get().recordsWritten(vertx, Topics.ORDER_REHEARSALS);
    long ordersBefore = TestInfra.get().recordsWritten(vertx, Topics.ORDER_EVENTS);

    Report report = Await.result(rehearsal(redis, keys, storeCalls).run(Duration.ofSeconds(2), 2));

    assertThat(report.problem()).isNull();
    assertThat(report.failed()).isZero();
    assertThat(report.placed()).isPositive();
    assertThat(TestInfra.get().recordsWritten(vertx, Topics.ORDER_REHEARSALS) - rehearsalsBefore).isEqualTo(report.placed());
    assertThat(TestInfra.get().recordsWritten(vertx, Topics.ORDER_EVENTS)).isEqualTo(ordersBefore);
    assertThat(storeCalls).hasValue(0);
    // What is left are the idempotency records, each about to expire; counters and copies are gone.
    Response left = Await.result(redis.send(Request.cmd(Command.KEYS).arg(keys.key("*"))));
    assertThat(left.size()).isPositive();
    left.forEach(key -> {
      assertThat(key.toString()).contains(":idem:");
      assertThat(Await.result(redis.send(Request.cmd(Command.PTTL).arg(key.toString()))).toLong())
          .isBetween(1L, Duration.ofMinutes(2).toMillis());
    });
  }

  @Test
  void aRehearsalWithoutRedisEndsAtOnceAndSaysWhy() {
    Redis unreachable = RedisSetup.client(vertx, TestInfra.get().config().with(Map.of(
        ConfigKeys.REDIS_URL.name(), "redis://127.0.0.1:" + FreePorts.next())));
    AtomicInteger storeCalls = new AtomicInteger();

    // Far longer than the test waits for it (TestInfra.patience()): it must end on its own failure.
    Report report = Await.result(rehearsal(unreachable, new RedisKeys("rehearsal-it:"), storeCalls)
        .run(Duration.ofMinutes(5), 2));

    assertThat(report.placed()).isZero();
    assertThat(report.problem()).isNotBlank();
    assertThat(storeCalls).hasValue(0);
  }

  private static OrderRehearsal rehearsal(Redis redis, RedisKeys keys, AtomicInteger storeCalls) {
    OrderStore refusing = (OrderStore) Proxy.newProxyInstance(OrderStore.class.getClassLoader(),
        new Class<?>[] {OrderStore.class}, (proxy, method, args) -> {
          storeCalls.incrementAndGet();
          return Future.failedFuture("a rehearsal must not read or write Postgres");
        });
    // The sandbox's catalog holds its one drop, so it never reads Postgres either: no client.
    return new OrderRehearsal(vertx, redis, keys, true, null, refusing, TestInfra.get().kafkaBootstrap());
  }
}
