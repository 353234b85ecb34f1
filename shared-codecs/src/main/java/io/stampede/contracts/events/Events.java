package io.stampede.contracts.events;

import java.util.List;
import java.util.Map;

/** The catalogue of events that cross process boundaries through Kafka. */
public final class Events {

  public static final EventType<OrderPlaced> ORDER_PLACED = new EventType<>(
      "order.placed", Topics.ORDER_EVENTS, 2, OrderPlaced::toJson, OrderPlaced::fromJson, OrderPlaced::dropId,
      Map.of(1, OrderPlaced::upcastV1));

  public static final EventType<OrderUpdated> ORDER_UPDATED = new EventType<>(
      "order.updated", Topics.ORDER_EVENTS, 1, OrderUpdated::toJson, OrderUpdated::fromJson, OrderUpdated::dropId,
      Map.of());

  public static final EventType<DropChanged> DROP_CHANGED = new EventType<>(
      "drop.changed", Topics.DROP_EVENTS, 1, DropChanged::toJson, DropChanged::fromJson, DropChanged::dropId,
      Map.of());

  public static final EventType<InventoryChanged> INVENTORY_CHANGED = new EventType<>(
      "inventory.changed", Topics.INVENTORY_CHANGES, 1, InventoryChanged::toJson, InventoryChanged::fromJson,
      InventoryChanged::dropId, Map.of());

  public static final EventType<NotificationRequested> NOTIFICATION_REQUESTED = new EventType<>(
      "notification.requested", Topics.NOTIFICATION_EVENTS, 1, NotificationRequested::toJson,
      NotificationRequested::fromJson, NotificationRequested::userId, Map.of());

  public static final EventType<UserUpdated> USER_UPDATED = new EventType<>(
      "user.updated", Topics.USER_EVENTS, 1, UserUpdated::toJson, UserUpdated::fromJson, UserUpdated::userId, Map.of());

  public static final EventType<FollowChanged> FOLLOW_CREATED = new EventType<>(
      "follow.created", Topics.USER_EVENTS, 1, FollowChanged::toJson, FollowChanged::fromJson, FollowChanged::followeeId,
      Map.of());

  public static final EventType<FollowChanged> FOLLOW_DELETED = new EventType<>(
      "follow.deleted", Topics.USER_EVENTS, 1, FollowChanged::toJson, FollowChanged::fromJson, FollowChanged::followeeId,
      Map.of());

  public static final List<EventType<?>> ALL = List.of(ORDER_PLACED, ORDER_UPDATED, DROP_CHANGED, INVENTORY_CHANGED,
      NOTIFICATION_REQUESTED, USER_UPDATED, FOLLOW_CREATED, FOLLOW_DELETED);

  private Events() {
  }
}
