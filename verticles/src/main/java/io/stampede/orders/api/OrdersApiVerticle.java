package io.stampede.orders.api;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.contracts.bus.Addresses;
import io.stampede.orders.catalog.DropCatalog;
import io.stampede.orders.notify.BuyerNotifier;
import io.stampede.orders.reservation.Reservations;
import io.stampede.orders.store.OrderCopies;
import io.stampede.orders.store.OrderStore;
import io.stampede.platform.api.ApiConsumers;
import io.stampede.platform.infra.NonBlockingProducer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The order service's public operations on the bus, one instance per event loop: placement (the hot
 * path), queries, cancellation. Each instance has its own Kafka producer, which its event loop hands records to directly.
 */
public class OrdersApiVerticle extends VerticleBase {

  private final DropCatalog catalog;
  private final Reservations reservations;
  private final OrderStore orders;
  private final OrderCopies copies;
  private final String kafkaBootstrap;
  private final MeterRegistry meters;
  private final BuyerNotifier notifier;
  private NonBlockingProducer producer;

  public OrdersApiVerticle(DropCatalog catalog, Reservations reservations, OrderStore orders, OrderCopies copies,
                           String kafkaBootstrap, MeterRegistry meters, BuyerNotifier notifier) {
    this.catalog = catalog;
    this.reservations = reservations;
    this.orders = orders;
    this.copies = copies;
    this.kafkaBootstrap = kafkaBootstrap;
    this.meters = meters;
    this.notifier = notifier;
  }

  @Override
  public Future<?> start() {
    producer = NonBlockingProducer.create(vertx, kafkaBootstrap, "orders-api-" + deploymentID());
    var placement = new OrderPlacement(vertx, catalog, reservations, orders, copies, producer::send, meters);
    var queries = new OrderQueries(orders, copies, reservations);
    var cancellation = new OrderCancellation(orders, copies, catalog, reservations, producer, notifier);
    return Future.all(List.of(
        ApiConsumers.register(vertx, Addresses.ORDERS_PLACE, placement::place),
        ApiConsumers.register(vertx, Addresses.ORDERS_GET, queries::get),
        ApiConsumers.register(vertx, Addresses.ORDERS_LIST, queries::list),
        ApiConsumers.register(vertx, Addresses.ORDERS_STOCK_GET, queries::stock),
        ApiConsumers.register(vertx, Addresses.ORDERS_CANCEL, cancellation::cancel)));
  }

  @Override
  public Future<?> stop() {
    return producer.close();
  }
}
