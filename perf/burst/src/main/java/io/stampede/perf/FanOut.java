package io.stampede.perf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The fan-out benchmark (perf/fanout.sh): N anonymous sockets subscribe to {@code drops}, a drop is
 * scheduled, and each socket notes when {@code drop.live} reaches it. Prints, per N, the latency
 * from the drop's start time (includes the scheduler's tick) and from the first socket that had it
 * (the fan-out itself): p50, p99 and the last socket. A {@link Bystander} reads the drop meanwhile
 * ({@code GET /drops/{id}} every 5 ms): its answers in the second before the start, and those sent
 * from the start until the last socket had the news, are what a request arriving then waited (an
 * order, say, from a fan who had the news first). Last, the member's longest event-loop delay from
 * the drop's creation until every socket had it (the bound of its histogram's bucket).
 *
 * <p>{@code --port=18080 --sockets=1000,10000}
 */
public final class FanOut {

  private static final int CONNECT_BATCH = 500;
  private static final long LEAD_MS = 3000;

  private FanOut() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> given = Flags.parse(args);
    int port = Integer.parseInt(given.getOrDefault("port", "8080"));
    List<Integer> sizes = Arrays.stream(given.getOrDefault("sockets", "1000,10000").split(","))
        .map(Integer::parseInt).toList();
    Vertx vertx = Vertx.vertx();
    try (Bystander bystander = new Bystander(port)) {
      WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
      BurstApi api = new BurstApi(web);
      JsonObject creator = api.signUp("fanout_creator", "creator").await();
      String productId = api.createProduct(creator);
      System.out.printf("%-8s | %-31s | %-31s | %-30s | %-30s | %s%n", "sockets", "from startsAt p50 / p99 / last",
          "from first socket p50/p99/last", "reads the second before: p50/max", "reads during: n, p50 / p99 / max",
          "longest loop delay (at most, ms)");
      for (int n : sizes) {
        run(vertx, port, api, bystander, creator, productId, n);
      }
    } finally {
      vertx.close().await();
    }
  }

  private static void run(Vertx vertx, int port, BurstApi api, Bystander bystander, JsonObject creator,
                          String productId, int n)
      throws InterruptedException {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(n + 10)
        .setConnectTimeout(60_000));
    Map<String, Long> arrivals = new ConcurrentHashMap<>();
    AtomicInteger subscribed = new AtomicInteger();
    String[] dropId = new String[1];
    List<WebSocket> sockets = new ArrayList<>();
    for (int from = 0; from < n; from += CONNECT_BATCH) {
      List<Future<WebSocket>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + CONNECT_BATCH); i++) {
        String name = "s" + i;
        batch.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
            .onSuccess(ws -> {
              ws.textMessageHandler(text -> {
                long at = System.currentTimeMillis();
                JsonObject m = new JsonObject(text);
                if ("subscribed".equals(m.getString("type"))) {
                  subscribed.incrementAndGet();
                } else if ("drop.live".equals(m.getString("type"))
                    && m.getJsonObject("drop").getString("id").equals(dropId[0])) {
                  arrivals.putIfAbsent(name, at);
                }
              });
              ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("topic", "drops").encode());
            }));
      }
      sockets.addAll(Future.all(batch).await().<WebSocket>list());
    }
    waitFor(() -> subscribed.get() >= n, 60_000, "subscriptions");
    Instant startsAt = Instant.now().plusMillis(LEAD_MS);
    dropId[0] = api.createDrop(creator, productId, startsAt, 10, 1);
    LoopDelays loopDelays = bystander.loopDelays();
    bystander.start("/drops/" + dropId[0]);
    waitFor(() -> arrivals.size() >= n, 60_000, "drop.live on every socket");
    bystander.stop();
    Latencies fromStart = new Latencies();
    Latencies fromFirst = new Latencies();
    long first = arrivals.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    for (long at : arrivals.values()) {
      fromStart.record((at - startsAt.toEpochMilli()) * 1_000_000);
      fromFirst.record((at - first) * 1_000_000);
    }
    long last = arrivals.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    Latencies before = bystander.sentBetween(startsAt.toEpochMilli() - 1000, startsAt.toEpochMilli());
    Latencies during = bystander.sentBetween(startsAt.toEpochMilli(), last);
    System.out.printf("%-8d | %6.0f / %6.0f / %6.0f ms      | %6.0f / %6.0f / %6.0f ms      | %6.1f / %6.1f ms"
            + "               | %4d, %5.1f / %5.1f / %5.1f ms   | %.0f%n", n,
        fromStart.percentileMs(50), fromStart.percentileMs(99), fromStart.percentileMs(100),
        fromFirst.percentileMs(50), fromFirst.percentileMs(99), fromFirst.percentileMs(100),
        before.percentileMs(50), before.percentileMs(100),
        during.count(), during.percentileMs(50), during.percentileMs(99), during.percentileMs(100),
        bystander.loopDelays().percentileMsSince(loopDelays, 1.0));
    sockets.forEach(WebSocket::close);
    client.close().await();
    // The member's connection limit counts a socket's connection until it is closed there too.
    waitFor(() -> bystander.metric("stampede_http_connections") < 100, 60_000, "the sockets to close");
  }

  private static void waitFor(BooleanSupplier done, long timeoutMs, String what)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }
}
