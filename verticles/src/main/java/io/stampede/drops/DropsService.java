package io.stampede.drops;

import io.stampede.contracts.bus.Services;
import io.stampede.drops.sync.OrdersDropSync;
import io.stampede.platform.service.ServiceContext;
import io.stampede.platform.service.ServiceModuleBase;
import io.vertx.core.Future;

/** The drops service: schedules, the state machine of each drop, and keeping orders in step. */
public final class DropsService extends ServiceModuleBase {

  private OrdersDropSync ordersSync;

  public DropsService() {
    super(Services.DROPS);
  }

  @Override
  protected Future<Void> startService(ServiceContext context) {
    ordersSync = new OrdersDropSync(context.grpc());
    return Future.succeededFuture();
  }

  public OrdersDropSync ordersSync() {
    return ordersSync;
  }
}
