package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SockJS event-bus bridge, spoken as the SockJS and vertx-eventbus clients speak it: the
 * SockJS WebSocket transport ({@code /eventbus/<server>/<session>/websocket}, frames {@code o},
 * {@code h}, {@code a[...]}) carrying the bridge's JSON messages.
 */
class SockJsIT {

  @RegisterExtension
  static final MemberExtension member = new MemberExtension();

  private static WebSocketClient sockets;

  @BeforeAll
  static void client() {
    sockets = WsClient.client(member.vertx(), 16);
  }

  @AfterAll
  static void closeClient() {
    Await.result(sockets.close());
  }

  @Test
  void anAnonymousClientReceivesAnnouncements() {
    SockJs client = SockJs.connect(member.node().httpPort());
    client.register("drops.announcements", null);
    JsonObject creator = member.api().signUp(ApiClient.unique("maker"), "creator");
    String productId = member.api().createProduct(creator, "Print", 3000);
    String dropId = member.api().scheduleDrop(creator, productId, Instant.now().plusSeconds(2), 3, 1);

    JsonObject rec = client.await("drop.live on the bridge", m -> "rec".equals(m.getString("type"))
        && "drop.live".equals(m.getJsonObject("body").getString("type"))
        && dropId.equals(m.getJsonObject("body").getJsonObject("drop").getString("id")));
    assertThat(rec.getString("address")).isEqualTo("drops.announcements");
    client.close();
  }

  @Test
  void aUserGetsTheirOwnNotificationsAndNobodyElses() {
    JsonObject me = member.api().signUp(ApiClient.unique("fan"), "fan");
    JsonObject other = member.api().signUp(ApiClient.unique("fan"), "fan");
    SockJs client = SockJs.connect(member.node().httpPort());
    client.register("users." + me.getString("userId") + ".notifications", me.getString("accessToken"));
    client.register("users." + other.getString("userId") + ".notifications", me.getString("accessToken"));
    client.await("the other user's address is refused", SockJsIT::accessDenied);
    client.register("users." + other.getString("userId") + ".notifications", null);
    client.send(new JsonObject().put("type", "publish").put("address", "drops.announcements").put("body", "{}"));
    Poll.until("three refusals", () -> client.all(SockJsIT::accessDenied) == 3);

    JsonObject creator = member.api().signUp(ApiClient.unique("maker"), "creator");
    String productId = member.api().createProduct(creator, "Tee", 2000);
    String dropId = member.api().scheduleDrop(creator, productId, Instant.now().plusSeconds(2), 3, 1);
    Poll.until("live", () -> "LIVE".equals(member.api().get("/drops/" + dropId, null).bodyAsJsonObject()
        .getString("status")));
    var placed = member.api().placeOrder(me.getString("accessToken"), "k",
        new JsonObject().put("dropId", dropId).put("productId", productId).put("quantity", 1));
    String orderId = placed.bodyAsJsonObject().getString("id");

    JsonObject rec = client.await("my order update", m -> "rec".equals(m.getString("type"))
        && "order.updated".equals(m.getJsonObject("body").getString("type")));
    assertThat(rec.getJsonObject("body").getJsonObject("order").getString("id")).isEqualTo(orderId);
    assertThat(rec.getString("address")).isEqualTo("users." + me.getString("userId") + ".notifications");
    client.close();
  }

  /** The bridge answers a refused register or send with an error frame ("rejected" when our guard said no). */
  private static boolean accessDenied(JsonObject m) {
    return "err".equals(m.getString("type")) && List.of("rejected", "access_denied").contains(m.getString("body"));
  }

  /** The SockJS framing over its WebSocket transport. */
  private static final class SockJs {

    private final WebSocket socket;
    private final Queue<JsonObject> received = new ConcurrentLinkedQueue<>();

    private SockJs(WebSocket socket) {
      this.socket = socket;
      socket.textMessageHandler(frame -> {
        if (frame.startsWith("a")) {
          new JsonArray(frame.substring(1)).forEach(m -> received.add(new JsonObject((String) m)));
        }
      });
    }

    static SockJs connect(int port) {
      String session = Long.toString(System.nanoTime(), 36);
      WebSocket ws = Await.result(sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/eventbus/000/" + session + "/websocket")));
      return new SockJs(ws);
    }

    void register(String address, String token) {
      JsonObject message = new JsonObject().put("type", "register").put("address", address);
      if (token != null) {
        message.put("headers", new JsonObject().put("Authorization", "Bearer " + token));
      }
      send(message);
    }

    void send(JsonObject message) {
      Await.result(socket.writeTextMessage(new JsonArray().add(message.encode()).encode()));
    }

    JsonObject await(String what, Predicate<JsonObject> wanted) {
      Poll.until(what, () -> received.stream().anyMatch(wanted));
      return received.stream().filter(wanted).findFirst().orElseThrow();
    }

    long all(Predicate<JsonObject> wanted) {
      return received.stream().filter(wanted).count();
    }

    void close() {
      socket.close();
    }
  }
}
