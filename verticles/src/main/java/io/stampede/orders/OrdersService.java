package io.stampede.orders;

import io.stampede.contracts.bus.Services;
import io.stampede.contracts.grpc.DropStateSyncGrpcService;
import io.stampede.orders.sync.DropStateCache;
import io.stampede.orders.sync.DropStateSyncEndpoint;
import io.stampede.platform.service.ServiceContext;
import io.stampede.platform.service.ServiceModuleBase;
import io.vertx.core.Future;

/** The order service: the hot path that reserves stock, and the drop states it checks against. */
public final class OrdersService extends ServiceModuleBase {

  private final DropStateCache dropStates = new DropStateCache();

  public OrdersService() {
    super(Services.ORDERS);
  }

  @Override
  protected Future<Void> startService(ServiceContext context) {
    return context.grpc().serve(DropStateSyncGrpcService.of(new DropStateSyncEndpoint(dropStates)));
  }

  public DropStateCache dropStates() {
    return dropStates;
  }
}
