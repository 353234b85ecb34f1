package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.bus.Services;
import io.stampede.contracts.grpc.DropItemState;
import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStatus;
import io.stampede.contracts.grpc.SyncAck;
import io.stampede.drops.DropsService;
import io.stampede.orders.OrdersService;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Two members on loopback form one cluster: the bus and gRPC cross it, and leaving is seen. */
class ClusterIT {

  @Test
  void eventBusRequestOnOneMemberIsAnsweredOnTheOther() {
    Node a = Members.start("orders");
    Node b = Members.join(a, "drops");
    try {
      Poll.until("both members see two members", () -> a.clusterMembers().size() == 2 && b.clusterMembers().size() == 2);

      JsonObject answer = (JsonObject) Await.result(b.vertx().eventBus().request(Addresses.serviceInfo(Services.ORDERS), null))
          .body();

      assertThat(answer.getString("node")).isEqualTo(a.nodeId()).isNotEqualTo(b.nodeId());
    } finally {
      Members.stop(b);
      Members.stop(a);
    }
  }

  @Test
  void dropStateSyncsOverGrpcFromTheDropsMemberToTheOrdersMember() {
    Node orders = Members.start("orders");
    Node drops = Members.join(orders, "drops");
    try {
      DropState live = DropState.newBuilder().setDropId("drop-42").setStatus(DropStatus.DROP_STATUS_LIVE).setVersion(2)
          .setStartsAtEpochMillis(1_700_000_000_000L)
          .addItems(DropItemState.newBuilder().setProductId("p1").setStock(500).setPerUserLimit(2)
              .setPriceCents(4999).setCurrency("EUR"))
          .build();

      SyncAck ack = Await.result(drops.module(DropsService.class).orElseThrow().ordersSync().push(live));

      assertThat(ack.getApplied()).isTrue();
      assertThat(orders.module(OrdersService.class).orElseThrow().dropStates().get("drop-42")).contains(live);
      assertThat(drops.module(OrdersService.class)).isEmpty();

      SyncAck stale = Await.result(drops.module(DropsService.class).orElseThrow().ordersSync()
          .push(live.toBuilder().setVersion(1).setStatus(DropStatus.DROP_STATUS_SCHEDULED).build()));
      assertThat(stale.getApplied()).isFalse();
      assertThat(stale.getKnownVersion()).isEqualTo(2);
    } finally {
      Members.stop(drops);
      Members.stop(orders);
    }
  }

  @Test
  void eachMemberSeesTheOtherLeave() {
    Node a = Members.start("orders");
    Node b = Members.join(a, "drops");
    Poll.until("b joined", () -> a.clusterMembers().size() == 2);

    Members.stop(b);
    Poll.until("a sees b leave", () -> a.clusterMembers().size() == 1 && a.clusterMembers().contains(a.nodeId()));

    Node c = Members.join(a, "drops");
    Poll.until("c joined", () -> c.clusterMembers().size() == 2);
    Members.stop(a);
    Poll.until("c sees a leave", () -> c.clusterMembers().size() == 1 && c.clusterMembers().contains(c.nodeId()));
    Members.stop(c);
  }
}
