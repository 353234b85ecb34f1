package io.stampede.launcher;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/** A black-box {@code /ws} client: connects, sends protocol messages, and keeps every message it receives. */
final class WsClient {

  /** Timestamped, so tests can look at rates. */
  record Received(long atMillis, JsonObject message) {
  }

  private final WebSocket socket;
  private final Queue<Received> received = new ConcurrentLinkedQueue<>();
  private volatile Short closedWith;

  private WsClient(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(text -> received.add(new Received(System.currentTimeMillis(), new JsonObject(text))));
    socket.closeHandler(v -> closedWith = socket.closeStatusCode() == null ? -1 : socket.closeStatusCode());
  }

  /** A client able to hold {@code sockets} connections to one member. */
  static WebSocketClient client(Vertx vertx, int sockets) {
    return vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(sockets)
        .setConnectTimeout(30_000));
  }

  static Future<WsClient> open(WebSocketClient client, int port, String token) {
    String uri = token == null ? "/ws" : "/ws?access_token=" + token;
    return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri))
        .map(WsClient::new);
  }

  static WsClient connect(WebSocketClient client, int port, String token) {
    return Await.result(open(client, port, token));
  }

  WsClient send(JsonObject message) {
    Await.result(socket.writeTextMessage(message.encode()));
    return this;
  }

  /** Subscribes and waits for the acknowledgement. */
  WsClient subscribe(String topic) {
    send(new JsonObject().put("type", "subscribe").put("topic", topic));
    await("subscribed to " + topic, m -> "subscribed".equals(m.getString("type")) && topic.equals(m.getString("topic")));
    return this;
  }

  boolean has(Predicate<JsonObject> wanted) {
    return received.stream().anyMatch(r -> wanted.test(r.message()));
  }

  JsonObject await(String what, Predicate<JsonObject> wanted) {
    Poll.until(what, () -> has(wanted));
    return received.stream().map(Received::message).filter(wanted).findFirst().orElseThrow();
  }

  List<JsonObject> all(Predicate<JsonObject> wanted) {
    return received.stream().map(Received::message).filter(wanted).toList();
  }

  List<Received> timed(Predicate<JsonObject> wanted) {
    return received.stream().filter(r -> wanted.test(r.message())).toList();
  }

  Short closedWith() {
    return closedWith;
  }

  void close() {
    socket.close();
  }

  static Predicate<JsonObject> type(String type) {
    return m -> type.equals(m.getString("type"));
  }

  static Predicate<JsonObject> dropEvent(String type, String dropId) {
    return m -> type.equals(m.getString("type")) && m.getJsonObject("drop") != null
        && dropId.equals(m.getJsonObject("drop").getString("id"));
  }

  static Predicate<JsonObject> orderStatus(String orderId, String status) {
    return m -> "order.updated".equals(m.getString("type")) && m.getJsonObject("order") != null
        && orderId.equals(m.getJsonObject("order").getString("id"))
        && status.equals(m.getJsonObject("order").getString("status"));
  }
}
