package io.stampede.gateway.realtime;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * The bus subscriptions of one gateway instance's sockets: one consumer per address however many
 * sockets listen to it (registered with the first, removed with the last). A notice is encoded
 * once and handed to every listening socket, a slice at a time ({@link SlicedWrites}); stock updates
 * carry a merge key so a slow socket keeps only the newest per item. Lives on one event loop, like
 * its sockets.
 */
final class TopicHub {

  private final Vertx vertx;
  private final SlicedWrites writes;
  private final Map<String, Set<Session>> listeners = new HashMap<>();
  private final Map<String, MessageConsumer<JsonObject>> consumers = new HashMap<>();

  TopicHub(Vertx vertx, SlicedWrites writes) {
    this.vertx = vertx;
    this.writes = writes;
  }

  /** A topic published anywhere in the cluster: the consumer is registered cluster-wide. */
  void listen(String address, Session session) {
    listen(address, session, false);
  }

  /**
   * An address only this member publishes to (a user's notices, handed on by the member's
   * {@link UserNoticeRelay}): the consumer stays on this member, so signing a socket in costs the
   * cluster manager nothing.
   */
  void listenHere(String address, Session session) {
    listen(address, session, true);
  }

  private void listen(String address, Session session, boolean here) {
    if (!session.addresses().add(address)) {
      return;
    }
    listeners.computeIfAbsent(address, a -> {
      consumers.put(a, here ? vertx.eventBus().<JsonObject>localConsumer(a, msg -> fanOut(a, msg.body()))
          : vertx.eventBus().<JsonObject>consumer(a, msg -> fanOut(a, msg.body())));
      return new LinkedHashSet<>();
    }).add(session);
  }

  void stopListening(String address, Session session) {
    if (!session.addresses().remove(address)) {
      return;
    }
    Set<Session> sessions = listeners.get(address);
    if (sessions != null && sessions.remove(session) && sessions.isEmpty()) {
      listeners.remove(address);
      consumers.remove(address).unregister();
    }
  }

  void forget(Session session) {
    for (String address : Set.copyOf(session.addresses())) {
      stopListening(address, session);
    }
  }

  private void fanOut(String address, JsonObject notice) {
    Set<Session> sessions = listeners.get(address);
    if (sessions == null || notice == null) {
      return;
    }
    String text = notice.encode();
    String mergeKey = "stock".equals(notice.getString("type"))
        ? notice.getString("dropId") + '/' + notice.getString("productId") : null;
    writes.submit(sessions.toArray(new Session[0]), s -> s.deliver(text, mergeKey));
  }
}
