package io.stampede.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UnansweredRequestsTest {

  private final Vertx vertx = Vertx.vertx();
  private final AtomicLong now = new AtomicLong();
  private final UnansweredRequests unanswered = new UnansweredRequests(15_000, now::get);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void onlyRequestsLeftOpenPastTheLimitAreReportedWithTheirRouteAndStage() throws Exception {
    CountDownLatch leftOpen = new CountDownLatch(3);
    Router router = Router.router(vertx);
    router.get("/forgotten/:id").handler(unanswered).handler(ctx -> {
      ctx.put(UnansweredRequests.STAGE, "service orders");
      leftOpen.countDown();
    });
    router.get("/answered").handler(unanswered).handler(ctx -> ctx.end("ok"));
    router.get("/checking").handler(unanswered).handler(ctx -> leftOpen.countDown());
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await();
    WebClient client = WebClient.create(vertx);
    int port = server.actualPort();

    assertThat(client.get(port, "127.0.0.1", "/answered").send().await().bodyAsString()).isEqualTo("ok");
    client.get(port, "127.0.0.1", "/forgotten/1").send();
    client.get(port, "127.0.0.1", "/forgotten/2").send();
    client.get(port, "127.0.0.1", "/checking").send();
    assertThat(leftOpen.await(10, TimeUnit.SECONDS)).as("the requests arrived").isTrue();

    assertThat(unanswered.check().count()).as("not past the limit yet").isZero();
    now.addAndGet(TimeUnit.SECONDS.toNanos(16));
    UnansweredRequests.Stuck stuck = unanswered.check();
    assertThat(stuck.count()).as("the answered request is no longer watched").isEqualTo(3);
    assertThat(stuck.byRoute()).isEqualTo(Map.of("GET /forgotten/:id", 2, "GET /checking", 1));
    assertThat(stuck.byStage()).isEqualTo(Map.of("service orders", 2, "gateway checks", 1));
  }
}
