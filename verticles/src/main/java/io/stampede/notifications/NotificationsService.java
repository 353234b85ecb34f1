package io.stampede.notifications;

import io.stampede.contracts.bus.Services;
import io.stampede.contracts.grpc.OrderNotifierGrpcService;
import io.stampede.notifications.deliver.DropAnnouncer;
import io.stampede.notifications.deliver.Notices;
import io.stampede.notifications.deliver.OnceOnly;
import io.stampede.notifications.deliver.OrderNotices;
import io.stampede.notifications.events.NotificationRelayVerticle;
import io.stampede.notifications.grpc.OrderNotifierEndpoint;
import io.stampede.notifications.push.PushSettings;
import io.stampede.notifications.push.PushVerticle;
import io.stampede.notifications.push.Pushes;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.grpc.UnaryCall;
import io.stampede.platform.service.ServiceContext;
import io.stampede.platform.service.ServiceModuleBase;
import io.vertx.core.Future;
import io.vertx.grpc.server.Service;

/**
 * The notifications service: turns Kafka events (and the order service's direct gRPC calls) into
 * notices on the bus for every gateway's sockets, coalesced stock updates, and mobile push.
 */
public final class NotificationsService extends ServiceModuleBase {

  public NotificationsService() {
    super(Services.NOTIFICATIONS);
  }

  @Override
  protected Future<Void> startService(ServiceContext context) {
    var push = new PushVerticle(PushSettings.from(context.config()), context.metrics().registry());
    return context.vertx().deployVerticle(push).compose(id -> start(context, push.pushes()));
  }

  private Future<Void> start(ServiceContext context, Pushes pushes) {
    var onceOnly = new OnceOnly(context.redis(), context.redisKeys());
    var notices = new Notices(context.vertx().eventBus());
    var orders = new OrderNotices(onceOnly, notices, pushes);
    var drops = new DropAnnouncer(context.vertx(), onceOnly, notices, pushes);
    var endpoint = new OrderNotifierEndpoint(orders);
    return context.grpc().serve(Service.service(OrderNotifierGrpcService.SERVICE_NAME, OrderNotifierGrpcService.SERVICE_DESCRIPTOR)
            .bind(OrderNotifierGrpcService.PushOrderEvents, UnaryCall.of(endpoint::pushOrderEvents)).build())
        .compose(v -> context.vertx().deployVerticle(new NotificationRelayVerticle(context.kafkaBootstrap(),
            context.metrics().registry(), onceOnly, notices, orders, drops,
            context.config().get(ConfigKeys.NOTIFICATIONS_STOCK_INTERVAL_MS))))
        .mapEmpty();
  }
}
