package io.stampede.contracts.notify;

import java.time.Instant;

import io.stampede.contracts.events.OrderUpdated;
import io.stampede.contracts.grpc.OrderEvent;

/** An order's status change as the {@code OrderNotifier} gRPC message, and back. */
public final class OrderEventMessages {

  private OrderEventMessages() {
  }

  public static OrderEvent toProto(OrderUpdated o) {
    return OrderEvent.newBuilder().setOrderId(o.orderId()).setUserId(o.userId()).setDropId(o.dropId())
        .setProductId(o.productId()).setQuantity(o.quantity()).setStatus(o.status())
        .setPriceCents(o.priceCents()).setCurrency(o.currency() == null ? "" : o.currency())
        .setCreatedAtEpochMillis(o.createdAt().toEpochMilli()).setUpdatedAtEpochMillis(o.updatedAt().toEpochMilli())
        .build();
  }

  public static OrderUpdated fromProto(OrderEvent e) {
    Instant updatedAt = Instant.ofEpochMilli(e.getUpdatedAtEpochMillis());
    Instant createdAt = e.getCreatedAtEpochMillis() == 0 ? updatedAt : Instant.ofEpochMilli(e.getCreatedAtEpochMillis());
    return new OrderUpdated(e.getOrderId(), e.getUserId(), e.getDropId(), e.getProductId(), e.getQuantity(),
        e.getPriceCents(), e.getCurrency().isEmpty() ? null : e.getCurrency(), e.getStatus(), createdAt, updatedAt);
  }
}
