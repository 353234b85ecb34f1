package io.stampede.perf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The drop-burst benchmark (run it with {@code perf/burst.sh}): a creator schedules a drop, fans
 * sign in ahead of time, and at {@code startsAt} every order is fired at once through the whole
 * path (HTTP, JWT, rate limits, event bus, Lua, Kafka). Prints orders answered per second, the
 * latency percentiles, and the counters that prove the burst sold exactly the stock.
 */
public final class DropBurst {

  private DropBurst() {
  }

  public static void main(String[] args) throws Exception {
    BurstOptions options = BurstOptions.parse(args);
    Vertx vertx = Vertx.vertx();
    try {
      WebClient setupClient = client(vertx, options, "h1", 32);
      BurstApi api = new BurstApi(setupClient);
      JsonObject creator = api.signUp("creator", "creator").await();
      String productId = api.createProduct(creator);
      System.out.printf("signing up %d fans...%n", options.fans());
      List<String> tokens = api.signUpFans(options.fans(), 32);
      api.openApp(tokens, 64);
      for (String protocol : options.protocols()) {
        runOne(vertx, options, api, creator, productId, tokens, protocol);
      }
    } finally {
      vertx.close().await();
    }
  }

  private static void runOne(Vertx vertx, BurstOptions options, BurstApi api, JsonObject creator, String productId,
                             List<String> tokens, String protocol) throws Exception {
    String dropId = api.createDrop(creator, productId, Instant.now().plusSeconds(2), options.stock(),
        options.perUserLimit());
    WebClient burstClient = client(vertx, options, protocol, options.concurrency());
    BurstRun run = new BurstRun(burstClient, tokens, dropId, productId, options.keysPerFan());
    api.awaitStatus(dropId, "LIVE", 10_000);
    run.fire(options.concurrency());
    long burstEnded = System.nanoTime();
    double confirmSeconds = awaitConfirmed(api, run, tokens, burstEnded);
    JsonObject drop = api.drop(dropId);
    burstClient.close();
    report(options, protocol, run, drop, confirmSeconds);
  }

  /** Polls every order until it is CONFIRMED; the seconds from the burst's end until the last one was. */
  private static double awaitConfirmed(BurstApi api, BurstRun run, List<String> tokens, long burstEnded)
      throws InterruptedException {
    List<Map.Entry<String, Integer>> open = new ArrayList<>(run.orders().entrySet());
    long deadline = System.currentTimeMillis() + 60_000;
    while (!open.isEmpty() && System.currentTimeMillis() < deadline) {
      List<Map.Entry<String, Integer>> still = new ArrayList<>();
      for (int from = 0; from < open.size(); from += 64) {
        List<Map.Entry<String, Integer>> slice = open.subList(from, Math.min(open.size(), from + 64));
        List<Future<String>> checks = slice.stream().map(o -> api.orderStatus(o.getKey(), tokens.get(o.getValue()))).toList();
        List<String> statuses = Future.join(new ArrayList<>(checks)).map(all -> all.<String>list())
            .otherwise(e -> checks.stream().map(c -> c.succeeded() ? c.result() : "?").toList())
            .await();
        for (int i = 0; i < slice.size(); i++) {
          if (!"CONFIRMED".equals(statuses.get(i))) {
            still.add(slice.get(i));
          }
        }
      }
      open = still;
      if (!open.isEmpty()) {
        Thread.sleep(50);
      }
    }
    return open.isEmpty() ? (System.nanoTime() - burstEnded) / 1e9 : Double.NaN;
  }

  private static void report(BurstOptions options, String protocol, BurstRun run, JsonObject drop, double confirmSeconds) {
    int created = run.statuses().getOrDefault(201, 0);
    int units = run.orders().size();
    int remaining = drop.getJsonArray("items").getJsonObject(0).getInteger("remaining");
    long errors = run.statuses().entrySet().stream().filter(e -> e.getKey() < 0 || e.getKey() >= 500)
        .mapToLong(Map.Entry::getValue).sum();
    boolean correct = units + remaining == options.stock() && run.duplicateKeys() == 0
        && run.mostOrdersOfOneFan() <= options.perUserLimit() && !Double.isNaN(confirmSeconds);
    System.out.printf("%n== %s burst: %d fans, %d requests, stock %d, concurrency %d%n", protocol, options.fans(),
        run.requests(), options.stock(), options.concurrency());
    System.out.printf("answered/s      %.0f  (%d requests in %.2f s)%n", run.requests() / run.seconds(), run.requests(),
        run.seconds());
    System.out.printf("latency ms      p50 %.2f  p95 %.2f  p99 %.2f  max %.2f%n", run.latencies().percentileMs(50),
        run.latencies().percentileMs(95), run.latencies().percentileMs(99), run.latencies().percentileMs(100));
    System.out.printf("statuses        %s  (201 answers incl. replays: %d)%n", run.statuses(), created);
    System.out.printf("units sold      %d of %d; remaining %d; drop %s%n", units, options.stock(), remaining,
        drop.getString("status"));
    System.out.printf("duplicates      %d keys with two orders; most orders of one fan %d (limit %d)%n",
        run.duplicateKeys(), run.mostOrdersOfOneFan(), options.perUserLimit());
    System.out.printf("confirmed       %s%n", Double.isNaN(confirmSeconds) ? "NOT ALL within 60 s"
        : "all " + units + ", the last %.2f s after the burst".formatted(confirmSeconds));
    System.out.printf("5xx/failures    %d%n", errors);
    System.out.printf("verdict         %s%n", correct ? "CORRECT (sold = stock − remaining, no duplicates, all confirmed)"
        : "WRONG");
  }

  private static WebClient client(Vertx vertx, BurstOptions options, String protocol, int concurrency) {
    WebClientOptions web = new WebClientOptions().setDefaultHost(options.host()).setDefaultPort(options.port())
        .setKeepAlive(true).setTcpNoDelay(true);
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(concurrency).setMaxWaitQueueSize(-1);
    if (protocol.equals("h2")) {
      web.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
          .setHttp2MultiplexingLimit(Math.max(1, concurrency / options.h2Connections()));
      pool.setHttp2MaxSize(options.h2Connections());
    } else if (!protocol.equals("h1")) {
      throw new IllegalArgumentException("protocols are h1 and h2, got " + protocol);
    }
    return WebClient.create(vertx, web, pool);
  }
}
