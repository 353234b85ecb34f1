package io.stampede.orders.api;

import static io.stampede.orders.api.Replies.fail;

import java.util.List;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.api.Caller;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.events.Events;
import io.stampede.contracts.events.OrderUpdated;
import io.stampede.contracts.grpc.DropStatus;
import io.stampede.orders.catalog.DropCatalog;
import io.stampede.orders.notify.BuyerNotifier;
import io.stampede.orders.reservation.Reservations;
import io.stampede.orders.store.OrderCopies;
import io.stampede.orders.store.OrderStore;
import io.stampede.platform.events.EventRecords;
import io.stampede.platform.infra.NonBlockingProducer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code POST /orders/{id}/cancel}: the buyer, while the drop is live. Postgres decides once (a
 * guarded update), so a retried or raced cancel answers CANCELLED again but returns the stock only
 * the first time.
 */
final class OrderCancellation {

  private final OrderStore orders;
  private final OrderCopies copies;
  private final DropCatalog catalog;
  private final Reservations reservations;
  private final NonBlockingProducer producer;
  private final BuyerNotifier notifier;

  OrderCancellation(OrderStore orders, OrderCopies copies, DropCatalog catalog, Reservations reservations,
                    NonBlockingProducer producer, BuyerNotifier notifier) {
    this.orders = orders;
    this.copies = copies;
    this.catalog = catalog;
    this.reservations = reservations;
    this.producer = producer;
    this.notifier = notifier;
  }

  Future<ApiReply> cancel(ApiRequest request) {
    Caller caller = Replies.signedIn(request);
    String orderId = request.param("id");
    return orders.byId(orderId).compose(found -> {
      if (found.isEmpty() || !caller.userId().equals(found.get().getString("userId"))) {
        return copies.find(orderId).compose(p -> p.filter(o -> caller.userId().equals(o.getString("userId"))).isPresent()
            ? fail(ErrorCode.CONFLICT, "the order is still being confirmed; retry in a moment")
            : fail(ErrorCode.NOT_FOUND, "no such order"));
      }
      JsonObject order = found.get();
      if ("CANCELLED".equals(order.getString("status"))) {
        // Again, in case the first cancel stopped between Postgres and forgetting the copy; without
        // Redis the answer stands, and a copy left behind expires within the hour.
        return copies.forget(orderId).otherwiseEmpty().map(ApiReply.ok(order));
      }
      return catalog.state(order.getString("dropId")).compose(state ->
          state.isPresent() && state.get().getStatus() == DropStatus.DROP_STATUS_LIVE
              ? cancelLive(order, caller)
              : fail(ErrorCode.DROP_NOT_LIVE, "orders can be cancelled only while the drop is live"));
    });
  }

  private Future<ApiReply> cancelLive(JsonObject order, Caller caller) {
    return orders.cancel(order.getString("id"), caller.userId()).compose(cancelled -> {
      if (cancelled.isEmpty()) {
        return orders.byId(order.getString("id")).map(now -> ApiReply.ok(now.orElse(order)));
      }
      JsonObject done = cancelled.get();
      OrderUpdated updated = OrderUpdated.ofOrder(done);
      return reservations.release(done.getString("dropId"), done.getString("productId"), done.getString("userId"),
              done.getInteger("quantity"))
          .compose(v -> copies.forget(done.getString("id")))
          .compose(v -> producer.send(EventRecords.of(Events.ORDER_UPDATED, done.getString("dropId"), updated)))
          .onSuccess(sent -> notifier.tell(List.of(updated)))
          .map(ApiReply.ok(done));
    });
  }
}
