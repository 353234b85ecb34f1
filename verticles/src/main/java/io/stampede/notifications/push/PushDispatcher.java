package io.stampede.notifications.push;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who gets a push and sends it: a drop going live goes to every device of every follower
 * of its creator (a multicast per page of 500 tokens, pages one after another so a creator with a
 * million followers does not hold a million tokens in memory); an order's new status goes to the
 * buyer's devices. Tokens FCM reports unregistered are removed.
 */
public final class PushDispatcher implements Pushes {

  private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);

  private final PushTargets targets;
  private final PushSender sender;
  private final Counter sent;
  private final Counter forgotten;

  public PushDispatcher(Vertx vertx, PushSender sender, MeterRegistry meters) {
    this.targets = new PushTargets(vertx);
    this.sender = sender;
    this.sent = Counter.builder("stampede_push_messages").description("device pushes handed to FCM").register(meters);
    this.forgotten = Counter.builder("stampede_push_tokens_removed")
        .description("device tokens removed because FCM no longer knows them").register(meters);
  }

  @Override
  public Future<Void> dropLive(JsonObject drop) {
    PushMessage message = new PushMessage("A drop is live", "Get it before it's gone",
        Map.of("type", "drop.live", "dropId", drop.getString("id")));
    return followerPage(drop.getString("creatorId"), "", message)
        .onFailure(e -> LOG.warn("pushing drop {} to followers stopped: {}", drop.getString("id"), e.getMessage()));
  }

  private Future<Void> followerPage(String creatorId, String after, PushMessage message) {
    return targets.followerDevices(creatorId, after).compose(page -> deliver(page.tokens(), message)
        .compose(v -> page.next() == null ? Future.succeededFuture() : followerPage(creatorId, page.next(), message)));
  }

  @Override
  public Future<Void> orderUpdated(JsonObject order) {
    PushMessage message = new PushMessage("Your order is " + order.getString("status").toLowerCase(Locale.ROOT),
        "Order " + order.getString("id"),
        Map.of("type", "order.updated", "orderId", order.getString("id"), "status", order.getString("status")));
    return targets.userDevices(order.getString("userId")).compose(tokens -> deliver(tokens, message))
        .onFailure(e -> LOG.warn("pushing order {} failed: {}", order.getString("id"), e.getMessage()));
  }

  private Future<Void> deliver(List<String> tokens, PushMessage message) {
    if (tokens.isEmpty()) {
      return Future.succeededFuture();
    }
    return sender.send(tokens, message).compose(gone -> {
      sent.increment(tokens.size());
      forgotten.increment(gone.size());
      return targets.forget(gone);
    });
  }

  @Override
  public Future<Void> close() {
    return sender.close();
  }
}
