package io.stampede.contracts.events;

import java.util.List;

/** The Kafka topics, as the design names them. */
public final class Topics {

  public static final String DROP_EVENTS = "drop_events";
  public static final String ORDER_EVENTS = "order_events";
  public static final String NOTIFICATION_EVENTS = "notification_events";
  public static final String INVENTORY_CHANGES = "inventory_changes";
  /** Profile and follow changes (not in the seed's list: the users service needs a record of its own). */
  public static final String USER_EVENTS = "user_events";
  /**
   * Orders a member places on a sandbox drop of its own to warm its order path before it opens its
   * port ({@code orders.rehearsal-seconds}). Nothing reads them; they are kept for an hour.
   */
  public static final String ORDER_REHEARSALS = "order_rehearsals";
  public static final long ORDER_REHEARSALS_RETENTION_MS = 3_600_000;

  public static final List<String> ALL =
      List.of(DROP_EVENTS, ORDER_EVENTS, NOTIFICATION_EVENTS, INVENTORY_CHANGES, USER_EVENTS, ORDER_REHEARSALS);

  private Topics() {
  }
}
