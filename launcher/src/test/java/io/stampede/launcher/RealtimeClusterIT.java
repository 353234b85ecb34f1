package io.stampede.launcher;

import static io.stampede.launcher.WsClient.dropEvent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.stampede.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sockets on a gateway-only member B hear what the services on member A produce. */
class RealtimeClusterIT {

  private static Node a;
  private static Node b;
  private static Vertx vertx;
  private static ApiClient apiOnA;

  @BeforeAll
  static void start() {
    a = Members.start(OneMember.ALL_SERVICES);
    b = Members.join(a, "gateway");
    vertx = Vertx.vertx();
    apiOnA = new ApiClient(vertx, a);
  }

  @AfterAll
  static void stop() {
    Members.stop(b);
    Members.stop(a);
    Await.result(vertx.close());
  }

  @Test
  void aSubscriberOnMemberBReceivesEventsProducedOnMemberA() {
    WebSocketClient client = WsClient.client(vertx, 4);
    JsonObject buyer = apiOnA.signUp(ApiClient.unique("fan"), "fan");
    WsClient onB = WsClient.connect(client, b.httpPort(), buyer.getString("accessToken"));
    onB.await("signed in on B", WsClient.type("authenticated"));
    onB.subscribe("drops");

    JsonObject creator = apiOnA.signUp(ApiClient.unique("maker"), "creator");
    String productId = apiOnA.createProduct(creator, "Vinyl", 3500);
    String dropId = apiOnA.scheduleDrop(creator, productId, Instant.now().plusSeconds(2), 1, 1);
    onB.await("drop.live on B", dropEvent("drop.live", dropId));

    var placed = apiOnA.placeOrder(buyer.getString("accessToken"), "k",
        new JsonObject().put("dropId", dropId).put("productId", productId).put("quantity", 1));
    assertThat(placed.statusCode()).isEqualTo(201);
    String orderId = placed.bodyAsJsonObject().getString("id");
    onB.await("the buyer's confirmation on B", m -> "order.updated".equals(m.getString("type"))
        && orderId.equals(m.getJsonObject("order").getString("id"))
        && "CONFIRMED".equals(m.getJsonObject("order").getString("status")));
    onB.await("drop.sold_out on B", dropEvent("drop.sold_out", dropId));
    onB.close();
    Await.result(client.close());
  }
}
