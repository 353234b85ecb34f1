package io.stampede.notifications.deliver;

import java.util.Map;

import io.stampede.contracts.events.OrderUpdated;
import io.stampede.notifications.push.Pushes;
import io.vertx.core.Future;

/**
 * A buyer's order changed: tell their sockets and devices once per (order, status), whether the
 * news came over gRPC from the order service or from {@code order_events}, and never tell a state
 * older than one already told (a late PENDING after CONFIRMED is dropped).
 */
public final class OrderNotices {

  private static final Map<String, Integer> RANK = Map.of("PENDING", 1, "CONFIRMED", 2, "CANCELLED", 3);

  private final OnceOnly onceOnly;
  private final Notices notices;
  private final Pushes pushes;

  public OrderNotices(OnceOnly onceOnly, Notices notices, Pushes pushes) {
    this.onceOnly = onceOnly;
    this.notices = notices;
    this.pushes = pushes;
  }

  /** True when this call delivered it; false when it had been delivered already (or is unknown). */
  public Future<Boolean> deliver(OrderUpdated update) {
    Integer rank = RANK.get(update.status());
    if (rank == null) {
      return Future.succeededFuture(false);
    }
    return onceOnly.first("order", update.orderId(), rank).map(first -> {
      if (first) {
        var order = update.toOrder();
        notices.order(order);
        pushes.orderUpdated(order);
      }
      return first;
    });
  }
}
