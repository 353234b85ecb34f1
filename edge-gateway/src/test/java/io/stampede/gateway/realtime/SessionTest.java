package io.stampede.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;

/**
 * A fan who hangs up while a fan-out or heartbeat is on its way: the socket is closed before the
 * endpoint's close handler has forgotten the session, and the session must then write nothing.
 */
class SessionTest {

  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aSocketThePeerClosedIsNeitherWrittenNorPinged() throws Exception {
    RealtimeMetrics metrics = new RealtimeMetrics(new SimpleMeterRegistry());
    Promise<Session> peerGone = Promise.promise();
    server = vertx.createHttpServer().webSocketHandler(socket -> {
      Session session = new Session(socket, 10, metrics);
      socket.closeHandler(v -> peerGone.complete(session));
    });
    int port = server.listen(0).await(10, TimeUnit.SECONDS).actualPort();
    WebSocketClient client = vertx.createWebSocketClient();
    client.connect(port, "127.0.0.1", "/ws").compose(ws -> ws.close()).await(10, TimeUnit.SECONDS);
    Session session = peerGone.future().await(10, TimeUnit.SECONDS);

    assertThatCode(() -> {
      session.deliver("{\"type\":\"drop.live\"}", null);
      session.heartbeat(System.currentTimeMillis(), 60_000, 60_000);
    }).doesNotThrowAnyException();
  }
}
