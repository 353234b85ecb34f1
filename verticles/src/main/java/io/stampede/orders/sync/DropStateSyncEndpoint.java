package io.stampede.orders.sync;

import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStateSyncService;
import io.stampede.contracts.grpc.SyncAck;
import io.vertx.core.Future;

/** Serves {@code DropStateSync}: the drops service tells this member about every drop change. */
public final class DropStateSyncEndpoint extends DropStateSyncService {

  private final DropStateCache cache;

  public DropStateSyncEndpoint(DropStateCache cache) {
    this.cache = cache;
  }

  @Override
  public Future<SyncAck> syncDropState(DropState request) {
    if (request.getDropId().isEmpty() || request.getVersion() < 1) {
      return Future.failedFuture(new IllegalArgumentException("a drop state needs a drop id and a version"));
    }
    long known = cache.apply(request);
    return Future.succeededFuture(SyncAck.newBuilder()
        .setApplied(known == request.getVersion())
        .setKnownVersion(known)
        .build());
  }
}
