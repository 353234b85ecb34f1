package io.stampede.gateway.realtime;

import io.stampede.contracts.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * One per gateway member: takes every user's notices from {@link Addresses#USER_NOTICES} and
 * publishes each, on this member only, to {@link Addresses#userNotifications} of its user, where
 * the member's WebSockets and SockJS sockets of that user listen. A notice for a user with no
 * socket here costs one local map lookup, not a question to the cluster manager.
 */
public final class UserNoticeRelay extends VerticleBase {

  private static final DeliveryOptions HERE_ONLY = new DeliveryOptions().setLocalOnly(true);

  private MessageConsumer<JsonObject> consumer;

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().consumer(Addresses.USER_NOTICES, this::relay);
    return consumer.completion();
  }

  private void relay(Message<JsonObject> notice) {
    String userId = notice.headers().get(Addresses.USER_HEADER);
    if (userId != null && notice.body() != null) {
      vertx.eventBus().publish(Addresses.userNotifications(userId), notice.body(), HERE_ONLY);
    }
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister();
  }
}
