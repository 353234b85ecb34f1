package io.stampede.notifications.deliver;

import java.util.Locale;

import io.stampede.contracts.bus.Addresses;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Publishes notices on the bus, shaped exactly as API.md's server-to-client messages, so the
 * gateway forwards them to sockets as they are and the SockJS bridge shows the same data. Every
 * gateway member listening on an address gets its own copy.
 */
public final class Notices {

  private final EventBus bus;

  public Notices(EventBus bus) {
    this.bus = bus;
  }

  /** {@code drop.<status>} with the public {@code Drop}, to the announcements feed and the drop's own topic. */
  public void drop(String status, JsonObject drop) {
    JsonObject notice = new JsonObject().put("type", "drop." + status.toLowerCase(Locale.ROOT)).put("drop", drop);
    bus.publish(Addresses.DROPS_ANNOUNCEMENTS, notice);
    bus.publish(Addresses.dropChannel(drop.getString("id")), notice);
  }

  public void stock(String dropId, String productId, int remaining) {
    bus.publish(Addresses.dropChannel(dropId), new JsonObject().put("type", "stock").put("dropId", dropId)
        .put("productId", productId).put("remaining", remaining));
  }

  public void order(JsonObject order) {
    toUser(order.getString("userId"), new JsonObject().put("type", "order.updated").put("order", order));
  }

  /**
   * Anything else a user should be told; {@code notice} carries its own {@code type}. It goes to
   * every gateway member at once, which passes it to the user's sockets if it holds any.
   */
  public void toUser(String userId, JsonObject notice) {
    bus.publish(Addresses.USER_NOTICES, notice, new DeliveryOptions().addHeader(Addresses.USER_HEADER, userId));
  }
}
