package io.stampede.launcher;

import java.util.List;

import io.stampede.auth.AuthService;
import io.stampede.contracts.bus.Services;
import io.stampede.creators.CreatorsService;
import io.stampede.drops.DropsService;
import io.stampede.gateway.GatewayService;
import io.stampede.notifications.NotificationsService;
import io.stampede.orders.OrdersService;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;
import io.stampede.platform.service.ServiceModule;
import io.stampede.users.UsersService;

/** Which module implements each service, and the order they start in (the gateway last). */
final class ServiceCatalog {

  private ServiceCatalog() {
  }

  static ServiceModule create(Services service) {
    return switch (service) {
      case AUTH -> new AuthService();
      case USERS -> new UsersService();
      case CREATORS -> new CreatorsService();
      case DROPS -> new DropsService();
      case ORDERS -> new OrdersService();
      case NOTIFICATIONS -> new NotificationsService();
      case GATEWAY -> new GatewayService();
    };
  }

  /** The selected services, backends first so the gateway opens its port to a ready member. */
  static List<ServiceModule> selected(StampedeConfig config) {
    List<String> ids = config.get(ConfigKeys.SERVICES);
    return Services.backends().stream()
        .filter(s -> ids.contains(s.id()))
        .map(ServiceCatalog::create)
        .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
  }
}
