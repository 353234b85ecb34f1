package io.stampede.drops.sync;

import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStateSyncGrpcClient;
import io.stampede.contracts.grpc.DropStateSyncGrpcService;
import io.stampede.contracts.grpc.SyncAck;
import io.stampede.platform.grpc.InternalGrpc;
import io.vertx.core.Future;

/** Tells a member that runs the order service about a drop's new state, over gRPC. */
public final class OrdersDropSync {

  private final InternalGrpc grpc;

  public OrdersDropSync(InternalGrpc grpc) {
    this.grpc = grpc;
  }

  public Future<SyncAck> push(DropState state) {
    return grpc.locate(DropStateSyncGrpcService.SERVICE_NAME)
        .compose(address -> DropStateSyncGrpcClient.create(grpc.client(), address).syncDropState(state));
  }
}
