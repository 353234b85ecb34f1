package io.stampede.orders.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.stampede.orders.reservation.Reservation;
import io.stampede.orders.reservation.Reservations;
import io.stampede.orders.store.OrderStore;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles reservations whose member died between reserving and answering (kill -9, a lost
 * machine): their idempotency record says IN_FLIGHT and their units are held. Once an entry is
 * older than the lease — longer than the Kafka producer may still deliver — its order either reached
 * Kafka or never will; with the persister caught up, Postgres tells which. Durable: the record gets
 * the order as its answer, so the client's retry receives it. Not durable: the units and the
 * buyer's count go back and the key is freed, so the retry makes a new order. Either way once.
 */
final class OrphanSweep {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanSweep.class);
  private static final int PER_ROUND = 200;

  private final Reservations reservations;
  private final OrderStore orders;
  private final PersisterLag lag;
  private final Duration lease;

  OrphanSweep(Reservations reservations, OrderStore orders, PersisterLag lag, Duration lease) {
    this.reservations = reservations;
    this.orders = orders;
    this.lag = lag;
    this.lease = lease;
  }

  /** @return how many orphans of the drop were settled this round */
  Future<Integer> sweep(String dropId) {
    return reservations.orphans(dropId, lease, PER_ROUND).compose(orphans -> {
      if (orphans.isEmpty()) {
        return Future.succeededFuture(0);
      }
      // Listed first, lag read after: whatever those orphans sent to Kafka is committed by now.
      return lag.records().compose(pending -> {
        if (pending > 0) {
          return Future.succeededFuture(0);
        }
        List<Future<Boolean>> settled = new ArrayList<>();
        for (Reservation orphan : orphans) {
          settled.add(settle(orphan));
        }
        return Future.all(settled).map(all -> {
          LOG.warn("settled {} orphaned reservation(s) of drop {}", orphans.size(), dropId);
          return orphans.size();
        });
      });
    });
  }

  private Future<Boolean> settle(Reservation orphan) {
    return orders.byId(orphan.orderId()).compose(found -> found.isPresent()
        ? reservations.complete(orphan, found.get())
        : reservations.undo(orphan));
  }
}
