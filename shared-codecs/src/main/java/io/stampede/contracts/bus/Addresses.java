package io.stampede.contracts.bus;

/**
 * Event-bus addresses. Requests are {@code <service>.<noun>.<verb>}; the browser-facing
 * addresses are the ones API.md names for the SockJS bridge.
 */
public final class Addresses {

  /** Announcements of every drop, for the public real-time feed. */
  public static final String DROPS_ANNOUNCEMENTS = "drops.announcements";

  private Addresses() {
  }

  /** Each service answers here with which member it runs on; readiness and tests use it. */
  public static String serviceInfo(Services service) {
    return service.id() + ".info.get";
  }

  public static String dropChannel(String dropId) {
    return "drops." + dropId;
  }

  public static String userNotifications(String userId) {
    return "users." + userId + ".notifications";
  }
}
