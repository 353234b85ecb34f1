package io.stampede.notifications.grpc;

import java.util.ArrayList;
import java.util.List;

import io.stampede.contracts.grpc.OrderEvent;
import io.stampede.contracts.grpc.OrderEvents;
import io.stampede.contracts.grpc.OrderNotifierService;
import io.stampede.contracts.grpc.PushAcks;
import io.stampede.contracts.notify.OrderEventMessages;
import io.stampede.notifications.deliver.OrderNotices;
import io.vertx.core.Future;

/** Serves {@code OrderNotifier}: the order service's direct, low-latency copy of buyers' order updates. */
public final class OrderNotifierEndpoint extends OrderNotifierService {

  private final OrderNotices notices;

  public OrderNotifierEndpoint(OrderNotices notices) {
    this.notices = notices;
  }

  @Override
  public Future<PushAcks> pushOrderEvents(OrderEvents request) {
    for (OrderEvent event : request.getEventsList()) {
      if (event.getOrderId().isEmpty() || event.getUserId().isEmpty()) {
        return Future.failedFuture(new IllegalArgumentException("an order event needs an order id and a user id"));
      }
    }
    List<Future<Boolean>> deliveries = new ArrayList<>(request.getEventsCount());
    request.getEventsList().forEach(event -> deliveries.add(notices.deliver(OrderEventMessages.fromProto(event))));
    return Future.all(deliveries).map(all -> {
      PushAcks.Builder acks = PushAcks.newBuilder();
      for (int i = 0; i < deliveries.size(); i++) {
        acks.addDelivered(all.<Boolean>resultAt(i));
      }
      return acks.build();
    });
  }
}
