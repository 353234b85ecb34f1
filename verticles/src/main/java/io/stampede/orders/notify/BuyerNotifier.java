package io.stampede.orders.notify;

import java.util.List;

import io.stampede.contracts.events.OrderUpdated;
import io.stampede.contracts.grpc.OrderEvents;
import io.stampede.contracts.grpc.OrderNotifierGrpcClient;
import io.stampede.contracts.grpc.OrderNotifierGrpcService;
import io.stampede.contracts.notify.OrderEventMessages;
import io.stampede.platform.grpc.InternalGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the notification service that buyers' orders were confirmed or cancelled, straight away
 * (gRPC {@code OrderNotifier.PushOrderEvents}, one call per batch), for a low-latency update on the
 * buyers' sockets. It
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

  public void tell(List<OrderUpdated> updates) {
    if (updates.isEmpty()) {
      return;
    }
    OrderEvents.Builder batch = OrderEvents.newBuilder();
    updates.forEach(u -> batch.addEvents(OrderEventMessages.toProto(u)));
    grpc.locate(OrderNotifierGrpcService.SERVICE_NAME)
        .compose(address -> OrderNotifierGrpcClient.create(grpc.client(), address).pushOrderEvents(batch.build()))
        .onFailure(e -> LOG.debug("direct notification of {} order update(s) failed, Kafka will carry them: {}",
            updates.size(), e.getMessage()));
  }
}
