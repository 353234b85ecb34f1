package io.stampede.orders.reservation;

/**
 * One attempt to reserve stock: who, which drop item, how many, under which idempotency key, and
 * a hash of the request body (so a reused key with another body is told apart from a replay).
 */
public record Reservation(String orderId, String userId, String dropId, String productId, int quantity,
                          String idempotencyKey, String requestHash) {

  /** Everything but the order id of the in-flight entry; the key goes last (it may contain '|'). */
  String inFlightDetails() {
    return userId + '|' + productId + '|' + quantity + '|' + requestHash + '|' + idempotencyKey;
  }

  /** The member of {@code {drop:D}:inflight} while this reservation waits for Kafka. */
  String inFlightEntry() {
    return orderId + '|' + inFlightDetails();
  }

  /** The reservation an in-flight entry of {@code dropId} stands for. */
  static Reservation fromInFlightEntry(String dropId, String entry) {
    String[] p = entry.split("\\|", 6);
    return new Reservation(p[0], p[1], dropId, p[2], Integer.parseInt(p[3]), p[5], p[4]);
  }
}
