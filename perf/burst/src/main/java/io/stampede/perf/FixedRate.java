package io.stampede.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * New orders at a constant rate (perf/sidebyside.sh's fixed-rate runs): {@code --port=P --out=DIR
 * --rate=R --seconds=S --warm-up=W --protocol=h1|h2 --label=L [--timeline=true]}, with the fans and drop that {@link SideBySide}
 * prepared in DIR. Every request carries a new Idempotency-Key, the fans' tokens in turn, so each is
 * a new order through the whole path (h2load can only repeat one request, a replay after the first).
 *
 * <p>An open model, as wrk2 and h2load's {@code --rps}: request i is due at start + i/R whether or
 * not earlier ones have been answered, and its latency counts from when it was due, so a stall
 * shows in the percentiles instead of slowing the sender down. The first W seconds (20 by default)
 * are sent at the same rate but not counted: they warm this client's JVM, whose compiling shares the
 * cores with the member (with 5 s, the first ten counted seconds at 500/s held a third to a half of
 * the answers slower than 10 ms, perf/RESULTS.md). Prints a line in the form of
 * perf/wrk/orders.lua's: {@code RESULT rps=… p50_ms=… p99_ms=… created=… other=… errors=…}, where
 * rps is the rate sent at and errors counts requests that failed or got no answer within a minute.
 * Against a member it adds {@code server_p50_ms=… server_p99_ms=…}: the same percentiles of the
 * member's own timer of its 201 answers to POSTs over the counted part (read from its {@code /metrics}
 * when the warm-up ends and at the end; the bounds of the histogram's buckets that hold them), which
 * leave out this client's own delays.
 */
public final class FixedRate {

  /** Requests are sent from a timer of this period, all those due by then. */
  private static final long TICK_MS = 1;
  /** The p99 target of the issue: answers slower than this are counted per second in the timeline. */
  private static final long TARGET_NANOS = 10_000_000L;
  /** The other runs' connections: wrk's 128 over HTTP/1.1, h2load's 16 connections of 8 streams over h2c. */
  private static final int H1_CONNECTIONS = 128;
  private static final int H2_CONNECTIONS = 16;
  private static final int H2_STREAMS = 8;
  private static final String SERVER_TIMES = "vertx_http_server_response_time_seconds";

  private FixedRate() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> given = Flags.parse(args);
    int port = Integer.parseInt(given.getOrDefault("port", "18080"));
    Path out = Path.of(given.getOrDefault("out", "target/sidebyside"));
    int rate = Integer.parseInt(given.get("rate"));
    int seconds = Integer.parseInt(given.getOrDefault("seconds", "15"));
    int warmUp = Integer.parseInt(given.getOrDefault("warm-up", "20"));
    boolean h2 = "h2".equals(given.getOrDefault("protocol", "h1"));
    String label = given.getOrDefault("label", "fixed");
    boolean timeline = Boolean.parseBoolean(given.getOrDefault("timeline", "false"));
    List<String> tokens = Files.readAllLines(out.resolve("tokens.txt"));
    Buffer body = Buffer.buffer(Files.readString(out.resolve("order.json")));

    Vertx vertx = Vertx.vertx();
    try {
      WebClient web = client(vertx, port, h2);
      // A connection of its own: a reading must not queue behind the orders when the pool is busy.
      WebClient metrics = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
      long uncounted = (long) rate * warmUp;
      long total = uncounted + (long) rate * seconds;
      Latencies latencies = new Latencies();
      // Per second of intended start (counted part only): the slowest answer, to see when a stall happened.
      long[] slowestPerSecond = new long[seconds + 1];
      // ...and how many answers took longer than the target, to tell a few stalls from a spread-out tail.
      long[] overTargetPerSecond = new long[seconds + 1];
      AtomicLong created = new AtomicLong();
      AtomicLong other = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      CountDownLatch answered = new CountDownLatch((int) total);
      long start = System.nanoTime();
      AtomicReference<Future<MemberHistogram>> countedFrom = new AtomicReference<>();
      vertx.setTimer(Math.max(1, warmUp * 1000L), t -> countedFrom.set(serverTimes(metrics)));
      long[] sent = {0};
      vertx.setPeriodic(TICK_MS, timer -> {
        long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
        for (; sent[0] < due; sent[0]++) {
          long i = sent[0];
          long intended = start + i * 1_000_000_000L / rate;
          web.post("/orders")
              .putHeader("Authorization", "Bearer " + tokens.get((int) (i % tokens.size())))
              .putHeader("Content-Type", "application/json")
              .putHeader("Idempotency-Key", label + "-" + i)
              .sendBuffer(body)
              .onComplete(result -> {
                if (i >= uncounted) {
                  long latency = System.nanoTime() - intended;
                  int second = (int) ((i - uncounted) / rate);
                  synchronized (latencies) {
                    latencies.record(latency);
                    slowestPerSecond[second] = Math.max(slowestPerSecond[second], latency);
                    if (latency > TARGET_NANOS) {
                      overTargetPerSecond[second]++;
                    }
                  }
                }
                // Every answer counts for the audit, the warm-up's too.
                if (result.failed()) {
                  errors.incrementAndGet();
                } else if (result.result().statusCode() == 201) {
                  created.incrementAndGet();
                } else {
                  other.incrementAndGet();
                }
                answered.countDown();
              });
        }
        if (sent[0] == total) {
          vertx.cancelTimer(timer);
        }
      });
      boolean all = answered.await(warmUp + seconds + 60L, TimeUnit.SECONDS);
      String server = countedFrom.get() == null ? "" : serverPercentiles(countedFrom.get(), serverTimes(metrics));
      synchronized (latencies) {
        if (timeline) {
          for (int second = 0; second < seconds; second++) {
            System.out.printf("second %d: slowest %.1f ms, %d over 10 ms%n", second, slowestPerSecond[second] / 1e6,
                overTargetPerSecond[second]);
          }
        }
        System.out.printf("RESULT rps=%d p50_ms=%.2f p99_ms=%.2f created=%d other=%d errors=%d%s%n", rate,
            latencies.percentileMs(50), latencies.percentileMs(99), created.get(), other.get(),
            errors.get() + (all ? 0 : answered.getCount()), server);
      }
    } finally {
      vertx.close().await();
    }
  }

  /** The member's timer of its 201 answers to POSTs (empty from a server without that histogram). */
  private static Future<MemberHistogram> serverTimes(WebClient web) {
    return web.get("/metrics").send().map(page -> MemberHistogram.parse(page.bodyAsString(), SERVER_TIMES,
        line -> line.contains("code=\"201\"") && line.contains("method=\"POST\"")));
  }

  /** Empty when either reading failed or the server has no such histogram (the ceiling server). */
  private static String serverPercentiles(Future<MemberHistogram> before, Future<MemberHistogram> after) {
    return Future.all(before, after).map(both -> {
      MemberHistogram from = before.result();
      MemberHistogram to = after.result();
      return to.countSince(from) == 0 ? "" : String.format(" server_p50_ms=%.2f server_p99_ms=%.2f",
          to.percentileMsSince(from, 0.5), to.percentileMsSince(from, 0.99));
    }).otherwise("").await();
  }

  private static WebClient client(Vertx vertx, int port, boolean h2) {
    WebClientOptions web = new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true).setTcpNoDelay(true);
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(H1_CONNECTIONS).setMaxWaitQueueSize(-1);
    if (h2) {
      web.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false).setHttp2MultiplexingLimit(H2_STREAMS);
      pool.setHttp2MaxSize(H2_CONNECTIONS);
    }
    return WebClient.create(vertx, web, pool);
  }
}
