package io.stampede.orders.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.stampede.contracts.grpc.DropItemState;
import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStateSyncService;
import io.stampede.contracts.grpc.SyncAck;
import io.stampede.orders.reservation.Reservations;
import io.vertx.core.Future;

/**
 * Serves {@code DropStateSync}: the drops service tells the order service about every drop change.
 * A state not older than the known one is kept in memory (prices, limits) and written to the hot
 * path in Redis: the item counters are seeded (never reset once they exist) and the status the
 * reservation script checks is set, so an order for a drop that just ended is refused at once. A
 * sync of the known version is written again: the drops service repeats a sync that failed, and a
 * first try that got as far as this cache but not as far as Redis must not make the repeat a no-op.
 */
public final class DropStateSyncEndpoint extends DropStateSyncService {

  private static final Set<String> SELLING = Set.of("LIVE", "SOLD_OUT");

  private final DropStateCache cache;
  private final Reservations reservations;
  private final CounterCheck counterCheck;

  public DropStateSyncEndpoint(DropStateCache cache, Reservations reservations, CounterCheck counterCheck) {
    this.cache = cache;
    this.reservations = reservations;
    this.counterCheck = counterCheck;
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

  /**
   * A drop that cannot sell yet (or no longer) is seeded from the state itself. A selling drop is
   * seeded only while its counters are current: when they are missing or of another epoch, orders
   * may already exist that only Postgres and Kafka know of, so the counters are left to the
   * reconciler's rebuild (asked for now) instead of being reset to the full stock.
   */
  private Future<Void> writeHotPath(DropState state) {
    String status = state.getStatus().name().substring("DROP_STATUS_".length());
    Future<Boolean> seedable = SELLING.contains(status)
        ? reservations.countersAreCurrent(state.getDropId()) : Future.succeededFuture(true);
    return seedable.compose(yes -> yes ? seed(state, status)
        : counterCheck.now(state.getDropId(), status, state.getVersion()));
  }

  private Future<Void> seed(DropState state, String status) {
    List<Future<Void>> seeds = new ArrayList<>();
    for (DropItemState item : state.getItemsList()) {
      seeds.add(reservations.seedItem(state.getDropId(), item.getProductId(), item.getStock(), item.getPerUserLimit()));
    }
    return Future.all(seeds).compose(v -> reservations.setStatus(state.getDropId(), status, state.getVersion()));
  }

  /** Asks for a drop's counters to be rebuilt from Postgres now, rather than at the next tick. */
  @FunctionalInterface
  public interface CounterCheck {
    Future<Void> now(String dropId, String status, long version);
  }
}
