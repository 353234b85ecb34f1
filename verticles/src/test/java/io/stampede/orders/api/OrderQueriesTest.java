package io.stampede.orders.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.api.Caller;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.contracts.events.OrderPlaced;
import io.stampede.orders.store.OrderCopies;
import io.stampede.orders.store.OrderStore;
import io.stampede.platform.infra.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.Test;

/** {@code GET /orders/{id}} while Redis, which holds the orders' copies, does not answer. */
class OrderQueriesTest {

  private static final JsonObject DURABLE = new JsonObject().put("id", "o-1").put("userId", "ann").put("status", "CONFIRMED");
  private static final IllegalStateException REDIS_DOWN = new IllegalStateException("Redis is not answering");

  private final OrderQueries queries = new OrderQueries(new OneOrder(Map.of("o-1", DURABLE)),
      new OrderCopies(new DownRedis(), new RedisKeys("t:")), null);

  @Test
  void withoutRedisPostgresAnswersForTheOrdersItHas() {
    Future<ApiReply> reply = queries.get(read("o-1", "ann"));

    assertThat(reply.result().status()).isEqualTo(200);
    assertThat(reply.result().body()).isEqualTo(DURABLE);
  }

  @Test
  void withoutRedisAnOrderPostgresLacksIsAnOutageNotA404() {
    Future<ApiReply> reply = queries.get(read("o-2", "ann"));

    assertThat(reply.failed()).isTrue();
    assertThat(reply.cause()).as("a 404 would tell the buyer the order is gone").isSameAs(REDIS_DOWN);
  }

  @Test
  void withoutRedisAnotherBuyersOrderIsStillA404() {
    Future<ApiReply> reply = queries.get(read("o-1", "bob"));

    assertThat(reply.cause()).isInstanceOf(StampedeException.class).hasMessageContaining("no such order");
  }

  private static ApiRequest read(String orderId, String userId) {
    return new ApiRequest(new Caller(userId, "fan", "jti", Long.MAX_VALUE), new JsonObject().put("id", orderId),
        null, null, null, null, null);
  }

  private record OneOrder(Map<String, JsonObject> rows) implements OrderStore {

    @Override
    public Future<Optional<JsonObject>> byId(String orderId) {
      return Future.succeededFuture(Optional.ofNullable(rows.get(orderId)));
    }

    @Override
    public Future<List<JsonObject>> confirm(List<OrderPlaced> orders) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Optional<JsonObject>> cancel(String orderId, String userId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<JsonObject>> byUser(String userId, JsonArray position, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Optional<JsonObject>> byIdempotencyKey(String userId, String idempotencyKey, String dropId) {
      throw new UnsupportedOperationException();
    }
  }

  private static final class DownRedis implements Redis {

    @Override
    public Future<RedisConnection> connect() {
      return Future.failedFuture(REDIS_DOWN);
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }

    @Override
    public Future<Response> send(Request command) {
      return Future.failedFuture(REDIS_DOWN);
    }

    @Override
    public Future<List<Response>> batch(List<Request> commands) {
      return Future.failedFuture(REDIS_DOWN);
    }
  }
}
