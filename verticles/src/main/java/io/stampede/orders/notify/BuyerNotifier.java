package io.stampede.orders.notify;

import io.stampede.contracts.events.OrderUpdated;
import io.stampede.contracts.grpc.OrderNotifierGrpcClient;
import io.stampede.contracts.grpc.OrderNotifierGrpcService;
import io.stampede.contracts.notify.OrderEventMessages;
import io.stampede.platform.grpc.InternalGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the notification service that a buyer's order was confirmed or cancelled, straight away
 * (gRPC {@code OrderNotifier.PushOrderEvent}), for a low-latency update on the buyer's sockets. It
 * is best effort and never holds up the caller: the copy in {@code order_events} is the durable
 * path, and the notification service delivers each (order, status) once whichever path arrives
 * first. A new order's PENDING is not sent this way: the buyer has it in the 201 already, and the
 * hot path does nothing it does not have to (its socket copy comes from Kafka).
 */
public final class BuyerNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(BuyerNotifier.class);

  private final InternalGrpc grpc;

  public BuyerNotifier(InternalGrpc grpc) {
    this.grpc = grpc;
  }

  public void tell(OrderUpdated update) {
    grpc.locate(OrderNotifierGrpcService.SERVICE_NAME)
        .compose(address -> OrderNotifierGrpcClient.create(grpc.client(), address)
            .pushOrderEvent(OrderEventMessages.toProto(update)))
        .onFailure(e -> LOG.debug("direct notification of order {} failed, Kafka will carry it: {}",
            update.orderId(), e.getMessage()));
  }
}
