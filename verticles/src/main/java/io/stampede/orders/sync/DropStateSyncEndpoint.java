package io.stampede.orders.sync;

import java.util.ArrayList;
import java.util.List;

import io.stampede.contracts.grpc.DropItemState;
import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStateSyncService;
import io.stampede.contracts.grpc.SyncAck;
import io.stampede.orders.reservation.Reservations;
import io.vertx.core.Future;

/**
 * Serves {@code DropStateSync}: the drops service tells the order service about every drop change.
 * A newer state is kept in memory (prices, limits) and written to the hot path in Redis: the
 * item counters are seeded (never reset once they exist) and the status the reservation script
 * checks is set, so an order for a drop that just ended is refused at once.
 */
public final class DropStateSyncEndpoint extends DropStateSyncService {

  private final DropStateCache cache;
  private final Reservations reservations;

  public DropStateSyncEndpoint(DropStateCache cache, Reservations reservations) {
    this.cache = cache;
    this.reservations = reservations;
  }

  @Override
  public Future<SyncAck> syncDropState(DropState request) {
    if (request.getDropId().isEmpty() || request.getVersion() < 1) {
      return Future.failedFuture(new IllegalArgumentException("a drop state needs a drop id and a version"));
    }
    boolean applied = cache.apply(request);
    Future<Void> hotPath = applied ? writeHotPath(request) : Future.succeededFuture();
    return hotPath.map(v -> SyncAck.newBuilder().setApplied(applied).setKnownVersion(cache.version(request.getDropId()))
        .build());
  }

  private Future<Void> writeHotPath(DropState state) {
    List<Future<Void>> seeds = new ArrayList<>();
    for (DropItemState item : state.getItemsList()) {
      seeds.add(reservations.seedItem(state.getDropId(), item.getProductId(), item.getStock(), item.getPerUserLimit()));
    }
    String status = state.getStatus().name().substring("DROP_STATUS_".length());
    return Future.all(seeds).compose(v -> reservations.setStatus(state.getDropId(), status, state.getVersion()));
  }
}
