package io.stampede.orders.store;

import java.util.List;
import java.util.Optional;

import io.stampede.contracts.events.OrderPlaced;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Durable orders. */
public interface OrderStore {

  /**
   * Inserts the orders that are not there yet, all CONFIRMED, in one statement; an order id or a
   * (user, idempotency key) already present is skipped. Answers, as {@link #byId} would, every one
   * of these orders that is durable now: those it inserted and those an earlier attempt did (with
   * their status now), so that a batch read again after a failure can still announce its orders.
   * An order skipped for its (user, idempotency key) under another id is not in the answer.
   */
  Future<List<JsonObject>> confirm(List<OrderPlaced> orders);

  /** The public {@code Order} of a durable order. */
  Future<Optional<JsonObject>> byId(String orderId);

  /** CONFIRMED → CANCELLED for the buyer; empty when it was not confirmed (already cancelled, or not theirs). */
  Future<Optional<JsonObject>> cancel(String orderId, String userId);

  /** The buyer's durable orders, newest first, after {@code position} ({@code [createdAt, id]}) when given. */
  Future<List<JsonObject>> byUser(String userId, JsonArray position, int limit);

  /** The order a (user, idempotency key) made, if it is durable; the one for {@code dropId} first. */
  Future<Optional<JsonObject>> byIdempotencyKey(String userId, String idempotencyKey, String dropId);
}
