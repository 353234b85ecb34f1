package io.stampede.perf;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * A client that reads one path every 5 ms over 8 connections, on a Vert.x of its own (so the
 * benchmark's other work on the client side cannot hold its requests up), and remembers when each
 * read was sent and how long its answer took: what a request arriving at that moment waited.
 */
final class Bystander implements AutoCloseable {

  private static final long PERIOD_MS = 5;

  private record Read(long sentAtMs, long nanos) {
  }

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final WebClient web;
  private final List<Read> reads = new CopyOnWriteArrayList<>();
  private long timer = -1;

  Bystander(int port) {
    web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(8));
  }

  void start(String path) {
    reads.clear();
    timer = vertx.setPeriodic(PERIOD_MS, id -> {
      long sentAtMs = System.currentTimeMillis();
      long sent = System.nanoTime();
      web.get(path).send().onSuccess(r -> reads.add(new Read(sentAtMs, System.nanoTime() - sent)));
    });
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  /** The answers to the reads sent from {@code fromMs} until {@code toMs} (epoch milliseconds). */
  Latencies sentBetween(long fromMs, long toMs) {
    Latencies latencies = new Latencies();
    reads.stream().filter(r -> r.sentAtMs() >= fromMs && r.sentAtMs() <= toMs).forEach(r -> latencies.record(r.nanos()));
    return latencies;
  }

  /** A line of the member's {@code /metrics}, as a number: the largest value of the lines named so. */
  double metric(String name) {
    String text = web.get("/metrics").send().await().bodyAsString();
    return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).max().orElse(Double.NaN);
  }

  /** The member's event-loop delays so far. */
  LoopDelays loopDelays() {
    return LoopDelays.read(web);
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
