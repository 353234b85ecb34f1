package io.stampede.contracts.events;

import java.util.List;

/** The Kafka topics, as the design names them. */
public final class Topics {

  public static final String DROP_EVENTS = "drop_events";
  public static final String ORDER_EVENTS = "order_events";
  public static final String NOTIFICATION_EVENTS = "notification_events";
  public static final String INVENTORY_CHANGES = "inventory_changes";

  public static final List<String> ALL = List.of(DROP_EVENTS, ORDER_EVENTS, NOTIFICATION_EVENTS, INVENTORY_CHANGES);

  private Topics() {
  }
}
