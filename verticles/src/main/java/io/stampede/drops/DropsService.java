package io.stampede.drops;

import io.micrometer.core.instrument.Gauge;
import io.stampede.contracts.bus.Services;
import io.stampede.drops.api.DropsApiVerticle;
import io.stampede.drops.schedule.DropPublisher;
import io.stampede.drops.schedule.DropSchedulerVerticle;
import io.stampede.drops.store.pg.PgDropStore;
import io.stampede.drops.sync.OrdersDropSync;
import io.stampede.drops.sync.OrdersInStep;
import io.stampede.platform.grpc.CreatorAuthorization;
import io.stampede.platform.infra.KafkaSetup;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.platform.service.ServiceContext;
import io.stampede.platform.service.ServiceModuleBase;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaProducer;

/** The drops service: schedules, the state machine of each drop, and keeping orders in step. */
public final class DropsService extends ServiceModuleBase {

  private OrdersDropSync ordersSync;

  public DropsService() {
    super(Services.DROPS);
  }

  @Override
  protected Future<Void> startService(ServiceContext context) {
    ordersSync = new OrdersDropSync(context.grpc());
    var store = new PgDropStore(PostgresSetup.pool(context.vertx(), context.config(), "drops"));
    KafkaProducer<String, Buffer> producer = KafkaProducer.create(context.vertx(),
        KafkaSetup.producerConfig(context.kafkaBootstrap(), "drops-" + context.cluster().getNodeId()));
    var inStep = new OrdersInStep(ordersSync::push, store);
    Gauge.builder("stampede.drops.behind.order.service", inStep, OrdersInStep::behind)
        .description("drops whose latest change the order service has not acknowledged, as of the scheduler's last catch-up")
        .register(context.metrics().registry());
    var publisher = new DropPublisher(inStep, producer);
    return context.vertx().deployVerticle(new DropsApiVerticle(store, publisher, new CreatorAuthorization(context.grpc())))
        .compose(v -> deployBackground(new DropSchedulerVerticle(store, inStep, publisher)))
        .mapEmpty();
  }

  public OrdersDropSync ordersSync() {
    return ordersSync;
  }
}
