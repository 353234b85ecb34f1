package io.stampede.contracts.bus;

import java.util.Arrays;
import java.util.List;

/** The services a Stampede member can run; {@code --services} takes these names. */
public enum Services {
  GATEWAY("gateway"),
  AUTH("auth"),
  USERS("users"),
  CREATORS("creators"),
  DROPS("drops"),
  ORDERS("orders"),
  NOTIFICATIONS("notifications");

  private final String id;

  Services(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Services::id).toList();
  }

  /** The services behind the gateway: every one but the gateway itself. */
  public static List<Services> backends() {
    return Arrays.stream(values()).filter(s -> s != GATEWAY).toList();
  }
}
