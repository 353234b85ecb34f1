package io.stampede.notifications.grpc;

import io.stampede.contracts.grpc.OrderEvent;
import io.stampede.contracts.grpc.OrderNotifierService;
import io.stampede.contracts.grpc.PushAck;
import io.stampede.contracts.notify.OrderEventMessages;
import io.stampede.notifications.deliver.OrderNotices;
import io.vertx.core.Future;

/** Serves {@code OrderNotifier}: the order service's direct, low-latency copy of a buyer's order update. */
public final class OrderNotifierEndpoint extends OrderNotifierService {

  private final OrderNotices notices;

  public OrderNotifierEndpoint(OrderNotices notices) {
    this.notices = notices;
  }

  @Override
  public Future<PushAck> pushOrderEvent(OrderEvent request) {
    if (request.getOrderId().isEmpty() || request.getUserId().isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("an order event needs an order id and a user id"));
    }
    return notices.deliver(OrderEventMessages.fromProto(request))
        .map(delivered -> PushAck.newBuilder().setDelivered(delivered).build());
  }
}
