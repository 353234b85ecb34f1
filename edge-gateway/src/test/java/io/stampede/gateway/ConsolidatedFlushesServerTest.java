package io.stampede.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ConsolidatedFlushes#install(HttpConnection)} on the connections a real Vert.x server hands
 * its connection handler, as the gateway's cleartext port does: which of them get the handler.
 */
class ConsolidatedFlushesServerTest {

  private static Vertx vertx;
  private static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setHttp2ClearTextEnabled(true))
        .connectionHandler(ConsolidatedFlushes::install)
        .requestHandler(request -> request.response().end(request.version() + " " + consolidated(request.connection())));
    await(server.listen());
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  @ParameterizedTest(name = "{0}, upgrade={1}")
  @CsvSource({
      "HTTP_2, false, HTTP_2 true",
      "HTTP_2, true, HTTP_2 true",
      "HTTP_1_1, false, HTTP_1_1 false"})
  void cleartextHttp2ConnectionsGetTheHandlerAndHttp11OnesDoNot(HttpVersion version, boolean upgrade, String answer)
      throws Exception {
    var client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(version).setHttp2ClearTextUpgrade(upgrade));
    try {
      String body = await(client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
          .compose(request -> request.send()).compose(response -> response.body())).toString();
      assertThat(body).isEqualTo(answer);
    } finally {
      await(client.close());
    }
  }

  private static boolean consolidated(HttpConnection connection) {
    return connection instanceof ConnectionBase base
        && base.channel().pipeline().get(FlushConsolidationHandler.class) != null;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
