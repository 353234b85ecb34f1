package io.stampede.gateway.routing;

import static io.stampede.gateway.routing.ServiceRoute.Access.PUBLIC;
import static io.stampede.gateway.routing.ServiceRoute.Access.SIGNED_IN;
import static io.stampede.gateway.routing.ServiceRoute.RateClass.AUTH;
import static io.stampede.gateway.routing.ServiceRoute.RateClass.ORDERS;
import static io.stampede.gateway.routing.ServiceRoute.RateClass.READS;
import static io.stampede.gateway.routing.ServiceRoute.RateClass.WRITES;

import java.util.List;

import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.bus.Services;
import io.vertx.core.http.HttpMethod;

/** The public API routes the gateway forwards, as API.md lists them. */
public final class PublicRoutes {

  public static final List<ServiceRoute> ALL = List.of(
      new ServiceRoute("register", HttpMethod.POST, "/auth/register", Services.AUTH, Addresses.AUTH_REGISTER, PUBLIC, AUTH),
      new ServiceRoute("login", HttpMethod.POST, "/auth/login", Services.AUTH, Addresses.AUTH_LOGIN, PUBLIC, AUTH,
          ServiceRoute.Effect.ISSUES_TOKENS),
      new ServiceRoute("refresh", HttpMethod.POST, "/auth/refresh", Services.AUTH, Addresses.AUTH_REFRESH, PUBLIC, AUTH,
          ServiceRoute.Effect.ISSUES_TOKENS),
      new ServiceRoute("logout", HttpMethod.POST, "/auth/logout", Services.AUTH, Addresses.AUTH_LOGOUT, SIGNED_IN, AUTH,
          ServiceRoute.Effect.REVOKES_CALLER_TOKEN),
      new ServiceRoute("jwks", HttpMethod.GET, "/.well-known/jwks.json", Services.AUTH, Addresses.AUTH_KEYS_GET, PUBLIC, READS),
      new ServiceRoute("getUser", HttpMethod.GET, "/users/:id", Services.USERS, Addresses.USERS_GET, SIGNED_IN, READS),
      new ServiceRoute("updateUser", HttpMethod.PATCH, "/users/:id", Services.USERS, Addresses.USERS_UPDATE, SIGNED_IN,
          WRITES),
      new ServiceRoute("follow", HttpMethod.POST, "/users/:id/follow", Services.USERS, Addresses.USERS_FOLLOW, SIGNED_IN,
          WRITES),
      new ServiceRoute("unfollow", HttpMethod.DELETE, "/users/:id/follow", Services.USERS, Addresses.USERS_UNFOLLOW,
          SIGNED_IN, WRITES),
      new ServiceRoute("listFollowers", HttpMethod.GET, "/users/:id/followers", Services.USERS, Addresses.USERS_FOLLOWERS,
          SIGNED_IN, READS),
      new ServiceRoute("listFollowing", HttpMethod.GET, "/users/:id/following", Services.USERS, Addresses.USERS_FOLLOWING,
          SIGNED_IN, READS),
      new ServiceRoute("registerDevice", HttpMethod.POST, "/users/:id/devices", Services.USERS,
          Addresses.USERS_DEVICES_REGISTER, SIGNED_IN, WRITES),
      new ServiceRoute("deleteDevice", HttpMethod.DELETE, "/users/:id/devices/:fcmToken", Services.USERS,
          Addresses.USERS_DEVICES_DELETE, SIGNED_IN, WRITES),
      new ServiceRoute("createWebhook", HttpMethod.POST, "/users/:id/webhooks", Services.USERS,
          Addresses.USERS_WEBHOOKS_CREATE, SIGNED_IN, WRITES),
      new ServiceRoute("listWebhooks", HttpMethod.GET, "/users/:id/webhooks", Services.USERS,
          Addresses.USERS_WEBHOOKS_LIST, SIGNED_IN, READS),
      new ServiceRoute("deleteWebhook", HttpMethod.DELETE, "/users/:id/webhooks/:hookId", Services.USERS,
          Addresses.USERS_WEBHOOKS_DELETE, SIGNED_IN, WRITES),
      new ServiceRoute("getCreator", HttpMethod.GET, "/creators/:id", Services.CREATORS, Addresses.CREATORS_GET,
          SIGNED_IN, READS),
      new ServiceRoute("listProducts", HttpMethod.GET, "/creators/:id/products", Services.CREATORS,
          Addresses.CREATORS_PRODUCTS_LIST, SIGNED_IN, READS),
      new ServiceRoute("createProduct", HttpMethod.POST, "/creators/:id/products", Services.CREATORS,
          Addresses.CREATORS_PRODUCTS_CREATE, SIGNED_IN, WRITES),
      new ServiceRoute("createDrop", HttpMethod.POST, "/creators/:id/drops", Services.DROPS, Addresses.DROPS_CREATE,
          SIGNED_IN, WRITES),
      new ServiceRoute("listUpcomingDrops", HttpMethod.GET, "/drops/upcoming", Services.DROPS, Addresses.DROPS_UPCOMING,
          PUBLIC, READS),
      new ServiceRoute("getDrop", HttpMethod.GET, "/drops/:id", Services.DROPS, Addresses.DROPS_GET, PUBLIC, READS),
      new ServiceRoute("cancelDrop", HttpMethod.POST, "/drops/:id/cancel", Services.DROPS, Addresses.DROPS_CANCEL,
          SIGNED_IN, WRITES),
      new ServiceRoute("placeOrder", HttpMethod.POST, "/orders", Services.ORDERS, Addresses.ORDERS_PLACE, SIGNED_IN, ORDERS),
      new ServiceRoute("listOrders", HttpMethod.GET, "/orders", Services.ORDERS, Addresses.ORDERS_LIST, SIGNED_IN, READS),
      new ServiceRoute("getOrder", HttpMethod.GET, "/orders/:id", Services.ORDERS, Addresses.ORDERS_GET, SIGNED_IN, READS),
      new ServiceRoute("cancelOrder", HttpMethod.POST, "/orders/:id/cancel", Services.ORDERS, Addresses.ORDERS_CANCEL,
          SIGNED_IN, ORDERS));

  private PublicRoutes() {
  }
}
