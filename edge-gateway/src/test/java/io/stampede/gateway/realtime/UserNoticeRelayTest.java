package io.stampede.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.stampede.contracts.bus.Addresses;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay hands each user's notice to that user's address on this member, and to nobody else's. */
class UserNoticeRelayTest {

  private Vertx vertx;
  private final List<String> ann = new CopyOnWriteArrayList<>();
  private final List<String> bob = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    Await.result(vertx.eventBus().<JsonObject>localConsumer(Addresses.userNotifications("ann"),
        m -> ann.add(m.body().getString("type"))).completion());
    Await.result(vertx.eventBus().<JsonObject>localConsumer(Addresses.userNotifications("bob"),
        m -> bob.add(m.body().getString("type"))).completion());
    Await.result(vertx.deployVerticle(new UserNoticeRelay()));
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  @Test
  void eachNoticeReachesOnlyItsUserInTheOrderSent() {
    publish("ann", "order.updated");
    publish("bob", "order.updated");
    publish("ann", "follow.created");
    vertx.eventBus().publish(Addresses.USER_NOTICES, new JsonObject().put("type", "no user header"));
    publish("bob", "last");

    Poll.until("bob's last notice relayed", () -> bob.contains("last"));

    assertThat(ann).containsExactly("order.updated", "follow.created");
    assertThat(bob).containsExactly("order.updated", "last");
  }

  private void publish(String user, String type) {
    vertx.eventBus().publish(Addresses.USER_NOTICES, new JsonObject().put("type", type),
        new DeliveryOptions().addHeader(Addresses.USER_HEADER, user));
  }
}
