package io.stampede.notifications.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.infra.RedisSetup;
import io.stampede.testing.Await;
import io.stampede.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Once-only delivery against a real Redis, by one member and by two sharing it. */
class OnceOnlyIT {

  private static Vertx vertx;
  private static CountingRedis redis;
  private static RedisKeys keys;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    redis = new CountingRedis(RedisSetup.client(vertx, TestInfra.get().config()));
    keys = new RedisKeys(TestInfra.get().redisPrefix());
  }

  @AfterAll
  static void stop() {
    Await.result(vertx.close());
  }

  @Test
  void theSecondCopyOfAStatusIsRefusedWithoutAskingRedis() {
    OnceOnly member = new OnceOnly(redis, keys);
    String order = UUID.randomUUID().toString();

    assertThat(first(member, order, 2)).isTrue();
    int asked = redis.sent.get();

    assertThat(first(member, order, 2)).isFalse();
    assertThat(first(member, order, 1)).as("a late PENDING after CONFIRMED").isFalse();
    assertThat(redis.sent.get()).isEqualTo(asked);

    assertThat(first(member, order, 3)).as("a later status is news").isTrue();
    assertThat(redis.sent.get()).isEqualTo(asked + 1);
  }

  @Test
  void anotherMemberLearnsFromRedisThatItWasDelivered() {
    OnceOnly one = new OnceOnly(redis, keys);
    OnceOnly other = new OnceOnly(redis, keys);
    String order = UUID.randomUUID().toString();

    assertThat(first(one, order, 2)).isTrue();
    assertThat(first(other, order, 2)).isFalse();
    int asked = redis.sent.get();
    assertThat(first(other, order, 2)).isFalse();
    assertThat(redis.sent.get()).as("it remembers what Redis told it").isEqualTo(asked);
  }

  @Test
  void copiesRacingOnTwoMembersAreDeliveredOnce() {
    OnceOnly one = new OnceOnly(redis, keys);
    OnceOnly other = new OnceOnly(redis, keys);
    List<String> orders = new ArrayList<>();
    List<Future<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String order = UUID.randomUUID().toString();
      orders.add(order);
      for (OnceOnly member : List.of(one, other, one, other)) {
        attempts.add(member.first("order", order, 2));
      }
    }

    List<Boolean> delivered = Await.result(Future.all(attempts)).list();

    for (int i = 0; i < orders.size(); i++) {
      assertThat(delivered.subList(4 * i, 4 * i + 4)).as(orders.get(i)).containsOnlyOnce(true);
    }
  }

  private static boolean first(OnceOnly member, String order, long rank) {
    return Await.result(member.first("order", order, rank));
  }

  /** The real client, counting the commands that reach Redis. */
  private record CountingRedis(Redis real, AtomicInteger sent) implements Redis {

    CountingRedis(Redis real) {
      this(real, new AtomicInteger());
    }

    @Override
    public Future<RedisConnection> connect() {
      return real.connect();
    }

    @Override
    public Future<Void> close() {
      return real.close();
    }

    @Override
    public Future<Response> send(Request command) {
      sent.incrementAndGet();
      return real.send(command);
    }

    @Override
    public Future<List<Response>> batch(List<Request> commands) {
      sent.addAndGet(commands.size());
      return real.batch(commands);
    }
  }
}
