package io.stampede.orders;

import java.time.Duration;

import io.stampede.contracts.bus.Services;
import io.stampede.contracts.grpc.DropStateSyncGrpcService;
import io.stampede.orders.api.OrdersApiVerticle;
import io.stampede.orders.catalog.DropCatalog;
import io.stampede.orders.events.OrderPersisterVerticle;
import io.stampede.orders.notify.BuyerNotifier;
import io.stampede.orders.reconcile.ReconcileSettings;
import io.stampede.orders.reconcile.ReconcilerVerticle;
import io.stampede.orders.rehearsal.OrderRehearsal;
import io.stampede.orders.reservation.Reservations;
import io.stampede.orders.store.OrderCopies;
import io.stampede.orders.store.pg.PgOrderStore;
import io.stampede.orders.sync.DropStateCache;
import io.stampede.orders.sync.DropStateSyncEndpoint;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.grpc.UnaryCall;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.platform.infra.RedisSetup;
import io.stampede.platform.service.ServiceContext;
import io.stampede.platform.service.ServiceModuleBase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.grpc.server.Service;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

/**
 * The order service: the hot path that reserves stock (one API verticle per event loop), the
 * persister that makes orders durable, and the drop states and counters it checks against.
 */
public final class OrdersService extends ServiceModuleBase {

  /** How long Redis remembers an idempotency key; Postgres remembers the orders forever. */
  private static final Duration IDEMPOTENCY_TTL = Duration.ofDays(7);
  private static final int BACKGROUND_CONNECTIONS = 3;

  private final DropStateCache dropStates = new DropStateCache();

  public OrdersService() {
    super(Services.ORDERS);
  }

  @Override
  protected Future<Void> startService(ServiceContext context) {
    SqlClient reads = PostgresSetup.pipelinedClient(context.vertx(), context.config(), "orders");
    Pool background = backgroundPool(context);
    var backgroundOrders = new PgOrderStore(background);
    var orders = new PgOrderStore(reads);
    var reservations = new Reservations(context.redis(), context.redisKeys(), IDEMPOTENCY_TTL,
        !RedisSetup.isCluster(context.config()));
    var catalog = new DropCatalog(dropStates, reads);
    var copies = new OrderCopies(context.redis(), context.redisKeys());
    int instances = context.config().instances(ConfigKeys.ORDERS_INSTANCES);
    var notifier = new BuyerNotifier(context.grpc());
    var sync = new DropStateSyncEndpoint(dropStates, reservations,
        (dropId, status, version) -> ReconcilerVerticle.checkNow(context.vertx(), dropId, status, version));
    return context.grpc().serve(Service.service(DropStateSyncGrpcService.SERVICE_NAME, DropStateSyncGrpcService.SERVICE_DESCRIPTOR)
            .bind(DropStateSyncGrpcService.SyncDropState, UnaryCall.of(sync::syncDropState)).build())
        .compose(v -> context.vertx().deployVerticle(() -> new OrdersApiVerticle(catalog, reservations, orders, copies,
            context.kafkaBootstrap(), context.metrics().registry(), notifier),
            new DeploymentOptions().setInstances(instances)))
        .compose(v -> context.vertx().deployVerticle(new OrderPersisterVerticle(backgroundOrders, copies,
            context.kafkaBootstrap(), context.metrics().registry(), notifier)))
        .compose(v -> deployBackground(new ReconcilerVerticle(background, context.redis(),
            context.redisKeys(), reservations, backgroundOrders, context.kafkaBootstrap(), OrderPersisterVerticle.GROUP,
            ReconcileSettings.from(context.config(), IDEMPOTENCY_TTL))))
        .compose(v -> rehearse(context, reads, orders, instances));
  }

  /** Warms the order path before the gateway opens its port, when {@code orders.rehearsal-seconds} asks for it. */
  private static Future<Void> rehearse(ServiceContext context, SqlClient reads, PgOrderStore orders, int instances) {
    int seconds = context.config().get(ConfigKeys.ORDERS_REHEARSAL_SECONDS);
    if (seconds == 0) {
      return Future.succeededFuture();
    }
    var rehearsal = new OrderRehearsal(context.vertx(), context.redis(), context.redisKeys(),
        !RedisSetup.isCluster(context.config()), reads, orders, context.kafkaBootstrap());
    return rehearsal.run(Duration.ofSeconds(seconds), instances).mapEmpty();
  }

  /**
   * The persister (one batch at a time) and the reconciler (a round every few seconds) work through
   * connections of their own: in the 20,000-fan burst, sharing the service's pool left the
   * persister's writes queued behind thousands of fans' order lists, and the last order was
   * confirmed 19 s after the sell-out (perf/RESULTS.md); the reconciler's rounds timed out there.
   */
  private static Pool backgroundPool(ServiceContext context) {
    return PostgresSetup.pool(context.vertx(), context.config(), "orders-background", BACKGROUND_CONNECTIONS);
  }

  public DropStateCache dropStates() {
    return dropStates;
  }
}
