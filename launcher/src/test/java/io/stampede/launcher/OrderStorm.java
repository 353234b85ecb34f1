package io.stampede.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Fans who keep buying one unit at a time through the public API while a test breaks something,
 * as a well-behaved client does: every answer that says "not now" (503, 504, 429, 409
 * {@code IDEMPOTENCY_IN_FLIGHT}, a dropped connection) is retried with the same Idempotency-Key
 * after its {@code Retry-After} (capped, to keep tests short); a 201 moves on to a new key; 409
 * {@code SOLD_OUT} ends the fan. Everything it sees is recorded for {@link StormAudit}.
 */
final class OrderStorm {

  private static final long MAX_RETRY_DELAY_MS = 1000;
  private static final long MIN_RETRY_DELAY_MS = 50;
  private static final int REQUEST_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final WebClient web;
  private final List<Integer> ports;
  private final List<String> tokens;
  private final JsonObject body;
  private final long startedAt = System.nanoTime();
  private volatile long paceMs;
  private final List<Future<Void>> fans = new ArrayList<>();

  private final Map<String, String> orderByKey = new ConcurrentHashMap<>();
  private final Map<String, Long> acceptedByKey = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
  private final Map<String, String> samples = new ConcurrentHashMap<>();
  private final List<String> duplicates = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Event> timeline = new ConcurrentLinkedQueue<>();

  /** One answer: when (ms since the storm began) and whether the fan had to retry. */
  record Event(long atMs, boolean retry) {
  }

  /**
   * @param ports the gateways the fans spread over (fan i uses {@code ports[i % size]})
   * @param tokens one access token per fan
   * @param paceMs the pause of each fan between two orders
   */
  public OrderStorm(Vertx vertx, List<Integer> ports, List<String> tokens, String dropId, String productId, long paceMs) {
    this.vertx = vertx;
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(tokens.size()));
    this.ports = List.copyOf(ports);
    this.tokens = List.copyOf(tokens);
    this.body = new JsonObject().put("dropId", dropId).put("productId", productId).put("quantity", 1);
    this.paceMs = paceMs;
  }

  public OrderStorm start() {
    for (int i = 0; i < tokens.size(); i++) {
      Promise<Void> done = Promise.promise();
      Fan fan = new Fan(i, done);
      vertx.runOnContext(v -> fan.next());
      fans.add(done.future());
    }
    return this;
  }

  /** From now on the fans order without pausing, to sell out what is left. */
  public void sprint() {
    paceMs = 0;
  }

  /** Waits until every fan has been told SOLD_OUT (or the deadline passes: a failure). */
  public void awaitSoldOut(Duration deadline) {
    Future<?> all = Future.all(fans);
    io.stampede.testing.Poll.until("every fan is told SOLD_OUT (answers so far: " + answers + ")", deadline, all::isComplete);
  }

  /** Milliseconds since the storm began: the clock of {@link #timeline}. */
  public long now() {
    return Duration.ofNanos(System.nanoTime() - startedAt).toMillis();
  }

  /** Waits until at least {@code count} more orders have been accepted than now. */
  public void awaitAccepted(int more, Duration deadline) {
    int target = orderByKey.size() + more;
    io.stampede.testing.Poll.until(more + " more orders accepted", deadline, () -> orderByKey.size() >= target);
  }

  Map<String, String> orderByKey() {
    return orderByKey;
  }

  Map<String, Long> acceptedAtByKey() {
    return acceptedByKey;
  }

  Map<String, AtomicLong> answers() {
    return answers;
  }

  /** The body of the first answer of each kind that asked for a retry. */
  Map<String, String> samples() {
    return samples;
  }

  List<String> duplicates() {
    return duplicates;
  }

  List<String> unexpected() {
    return List.copyOf(unexpected);
  }

  List<Event> timeline() {
    return List.copyOf(timeline);
  }

  private final class Fan {
    private final int index;
    private final Promise<Void> done;
    private final String token;
    private final int port;
    private int sequence;

    Fan(int index, Promise<Void> done) {
      this.index = index;
      this.done = done;
      this.token = tokens.get(index);
      this.port = ports.get(index % ports.size());
    }

    void next() {
      sequence++;
      attempt(index + "-" + sequence);
    }

    void attempt(String key) {
      web.post(port, "127.0.0.1", "/orders").bearerTokenAuthentication(token).putHeader("Idempotency-Key", key)
          .timeout(REQUEST_TIMEOUT_MS).sendJsonObject(body)
          .onComplete(answer -> {
            if (answer.succeeded()) {
              handle(key, answer.result());
            } else {
              record("transport", true);
              later(MIN_RETRY_DELAY_MS, () -> attempt(key));
            }
          });
    }

    private void handle(String key, HttpResponse<Buffer> answer) {
      int status = answer.statusCode();
      String code = status >= 400 ? problemCode(answer) : "";
      String kind = code.isEmpty() ? String.valueOf(status) : status + " " + code;
      if (status == 201) {
        record(kind, false);
        String id = answer.bodyAsJsonObject().getString("id");
        String earlier = orderByKey.putIfAbsent(key, id);
        if (earlier != null && !earlier.equals(id)) {
          duplicates.add(key + ": " + earlier + " and " + id);
        }
        acceptedByKey.putIfAbsent(key, now());
        later(paceMs, this::next);
      } else if (status == 409 && "SOLD_OUT".equals(code)) {
        record(kind, false);
        done.complete();
      } else if (status == 503 || status == 504 || status == 429 || status == 502
          || (status == 409 && "IDEMPOTENCY_IN_FLIGHT".equals(code))) {
        record(kind, true);
        samples.computeIfAbsent(kind, k -> answer.bodyAsString());
        later(retryDelay(answer), () -> attempt(key));
      } else {
        record(kind, false);
        unexpected.add(kind + " for key " + key + ": " + answer.bodyAsString());
        later(paceMs, this::next);
      }
    }

    private void record(String kind, boolean retry) {
      answers.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
      timeline.add(new Event(now(), retry));
    }

    private void later(long delayMs, Runnable action) {
      if (delayMs <= 0) {
        vertx.runOnContext(v -> action.run());
      } else {
        vertx.setTimer(delayMs, t -> action.run());
      }
    }
  }

  private static long retryDelay(HttpResponse<Buffer> answer) {
    String header = answer.getHeader("Retry-After");
    long asked = MIN_RETRY_DELAY_MS;
    if (header != null) {
      try {
        asked = Long.parseLong(header.trim()) * 1000;
      } catch (NumberFormatException ignored) {
        // a date form; the minimum will do
      }
    }
    return Math.max(MIN_RETRY_DELAY_MS, Math.min(MAX_RETRY_DELAY_MS, asked));
  }

  private static String problemCode(HttpResponse<Buffer> answer) {
    try {
      JsonObject problem = answer.bodyAsJsonObject();
      return problem == null ? "" : problem.getString("code", "");
    } catch (RuntimeException notJson) {
      return "";
    }
  }
}
