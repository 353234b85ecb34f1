package io.stampede.orders.api;

import java.util.List;

import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.grpc.DropItemState;
import io.stampede.contracts.grpc.DropState;
import io.stampede.orders.catalog.DropCatalog;
import io.stampede.orders.reservation.Reservations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a reservation takes an item's last unit, checks whether every item of the drop is now at 0
 * and, if so, tells the drops service. Several members may tell it at once; its guarded update
 * makes the drop SOLD_OUT (and announces it) exactly once.
 */
final class SoldOutWatch {

  private static final Logger LOG = LoggerFactory.getLogger(SoldOutWatch.class);

  private final Vertx vertx;
  private final DropCatalog catalog;
  private final Reservations reservations;

  SoldOutWatch(Vertx vertx, DropCatalog catalog, Reservations reservations) {
    this.vertx = vertx;
    this.catalog = catalog;
    this.reservations = reservations;
  }

  void itemEmptied(String dropId) {
    catalog.state(dropId)
        .compose(state -> state.isEmpty() ? Future.succeededFuture(false) : allEmpty(state.get()))
        .compose(empty -> empty ? vertx.eventBus().request(Addresses.DROPS_SOLD_OUT,
            ApiRequest.of(null, new JsonObject().put("dropId", dropId)).toJson()).mapEmpty() : Future.succeededFuture())
        .onFailure(e -> LOG.warn("could not report drop {} sold out: {}", dropId, e.getMessage()));
  }

  private Future<Boolean> allEmpty(DropState state) {
    List<Future<Integer>> counts = state.getItemsList().stream().map(DropItemState::getProductId)
        .map(p -> reservations.remaining(state.getDropId(), p)).toList();
    return Future.all(counts).map(all -> counts.stream().allMatch(c -> c.result() != null && c.result() <= 0));
  }
}
