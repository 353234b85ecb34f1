package io.stampede.orders.reservation;

/**
 * One attempt to reserve stock: who, which drop item, how many, under which idempotency key, and
 * a hash of the request body (so a reused key with another body is told apart from a replay).
 */
public record Reservation(String orderId, String userId, String dropId, String productId, int quantity,
                          String idempotencyKey, String requestHash) {
}
