package io.stampede.drops.sync;

import java.util.List;
import java.util.function.Function;

import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.SyncAck;
import io.stampede.drops.store.DropRecord;
import io.stampede.drops.store.DropStore;
import io.vertx.core.Future;

/**
 * Keeps the order service in step with the drops' committed states. Postgres records the version
 * the order service last acknowledged for each drop ({@link DropStore#markSynced}), so a sync that
 * did not get through is not forgotten: {@link #catchUp} (every scheduler round) syncs each drop
 * that is behind again until it is acknowledged. Versions keep the repeats harmless: the order
 * service never lets an older state replace a newer one, and takes the same version again.
 */
public final class OrdersInStep {

  /** The most drops one {@link #catchUp} syncs; more wait for the next round. */
  static final int CATCH_UP_BATCH = 50;

  private final Function<DropState, Future<SyncAck>> orderService;
  private final DropStore drops;
  /** Drops the last {@link #catchUp} could not sync; 0 once one synced all it found. */
  private volatile int behind;

  /** @param orderService sends a state to the order service ({@link OrdersDropSync#push} over gRPC) */
  public OrdersInStep(Function<DropState, Future<SyncAck>> orderService, DropStore drops) {
    this.orderService = orderService;
    this.drops = drops;
  }

  /** Tells the order service; fails when it did not acknowledge. Records nothing (the caller's transaction does). */
  public Future<Void> sync(DropRecord drop) {
    return orderService.apply(drop.toState())
        .recover(e -> Future.failedFuture(new IllegalStateException(
            "drop " + drop.id() + " (" + drop.status() + ") could not be synced to the order service: " + e.getMessage(), e)))
        .mapEmpty();
  }

  /** {@link #sync}, then records the acknowledged version; for a change committed already. */
  public Future<Void> syncCommitted(DropRecord drop) {
    return sync(drop).compose(v -> drops.markSynced(drop.id(), drop.version()));
  }

  /** Syncs again the drops the order service has not acknowledged; fails with the first failure, after trying them all. */
  public Future<Void> catchUp() {
    return drops.behindOrderService(CATCH_UP_BATCH).compose(found -> {
      List<Future<Void>> syncs = found.stream().map(this::syncCommitted).toList();
      return Future.join(syncs).onComplete(done -> behind = (int) syncs.stream().filter(Future::failed).count())
          .mapEmpty();
    });
  }

  /**
   * How many drops the order service is behind on, as of the last {@link #catchUp} (at most
   * {@link #CATCH_UP_BATCH}); a metric: above 0 for longer than a round, the order service is
   * refusing or not reachable.
   */
  public int behind() {
    return behind;
  }
}
