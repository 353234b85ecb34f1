package io.stampede.contracts.bus;

/**
 * Event-bus addresses. Requests are {@code <service>.<noun>.<verb>}; the browser-facing
 * addresses are the ones API.md names for the SockJS bridge.
 */
public final class Addresses {

  /**
   * Every notice for a single user, whoever they are, published once to all gateway members with
   * the user in the {@link #USER_HEADER} header; each member hands it on, locally, to
   * {@link #userNotifications} where that user's sockets listen. One well-known address instead of
   * one per user: a publish to an address nobody in the cluster listens to (most buyers have no
   * socket open) would ask the cluster manager every time, which the burst cannot afford.
   */
  public static final String USER_NOTICES = "users.notices";
  /** The header of a {@link #USER_NOTICES} message naming the user it is for. */
  public static final String USER_HEADER = "user";

  /** Announcements of every drop, for the public real-time feed. */
  public static final String DROPS_ANNOUNCEMENTS = "drops.announcements";

  public static final String AUTH_REGISTER = "auth.user.register";
  public static final String AUTH_LOGIN = "auth.session.login";
  public static final String AUTH_REFRESH = "auth.session.refresh";
  public static final String AUTH_LOGOUT = "auth.session.logout";
  public static final String AUTH_KEYS_GET = "auth.keys.get";
  /** Published when the set of token-verifying keys changes; gateways reload them. */
  public static final String AUTH_KEYS_CHANGED = "auth.keys.changed";
  /** Published on logout with {jti, exp}; every gateway adds the jti to its revoked set. */
  public static final String AUTH_TOKEN_REVOKED = "auth.token.revoked";

  public static final String USERS_GET = "users.user.get";
  public static final String USERS_UPDATE = "users.user.update";
  public static final String USERS_FOLLOW = "users.follow.create";
  public static final String USERS_UNFOLLOW = "users.follow.delete";
  public static final String USERS_FOLLOWERS = "users.followers.list";
  public static final String USERS_FOLLOWING = "users.following.list";
  public static final String USERS_DEVICES_REGISTER = "users.device.register";
  public static final String USERS_DEVICES_DELETE = "users.device.delete";
  /** Internal: device tokens of the followers of a creator, a page at a time (for push). */
  public static final String USERS_PUSH_FOLLOWER_DEVICES = "users.push.follower-devices";
  /** Internal: device tokens of one user (for push). */
  public static final String USERS_PUSH_USER_DEVICES = "users.push.user-devices";
  /** Internal: forget tokens that the push provider says are no longer registered. */
  public static final String USERS_PUSH_FORGET_TOKENS = "users.push.forget-tokens";
  public static final String USERS_WEBHOOKS_CREATE = "users.webhook.create";
  public static final String USERS_WEBHOOKS_LIST = "users.webhook.list";
  public static final String USERS_WEBHOOKS_DELETE = "users.webhook.delete";
  public static final String CREATORS_GET = "creators.creator.get";
  public static final String CREATORS_PRODUCTS_LIST = "creators.product.list";
  public static final String CREATORS_PRODUCTS_CREATE = "creators.product.create";
  public static final String DROPS_CREATE = "drops.drop.create";
  public static final String DROPS_GET = "drops.drop.get";
  public static final String DROPS_UPCOMING = "drops.drop.upcoming";
  public static final String DROPS_CANCEL = "drops.drop.cancel";
  /** The order service saw every counter of a drop reach 0 (a hint; the drops service decides once). */
  public static final String DROPS_SOLD_OUT = "drops.drop.sold-out";
  /** Remaining units per item of some drops, from the order service's hot counters. */
  public static final String ORDERS_STOCK_GET = "orders.stock.get";
  public static final String ORDERS_PLACE = "orders.order.place";
  public static final String ORDERS_GET = "orders.order.get";
  public static final String ORDERS_CANCEL = "orders.order.cancel";
  public static final String ORDERS_LIST = "orders.order.list";

  private Addresses() {
  }

  /** Each service answers here with which member it runs on; readiness and tests use it. */
  public static String serviceInfo(Services service) {
    return service.id() + ".info.get";
  }

  public static String dropChannel(String dropId) {
    return "drops." + dropId;
  }

  /** Where one user's notices are delivered on each gateway member (by that member, see {@link #USER_NOTICES}). */
  public static String userNotifications(String userId) {
    return "users." + userId + ".notifications";
  }
}
