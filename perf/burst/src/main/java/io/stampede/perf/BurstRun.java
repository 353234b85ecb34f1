package io.stampede.perf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/**
 * One burst: every fan's orders (each of its keys, then the first key again, as a client retrying
 * after a lost answer), fired by {@code concurrency} lanes that each send the next request as soon
 * as their previous one is answered, as fast as the server answers.
 */
final class BurstRun {

  /** One request of the burst: which fan, which key. */
  private record Attempt(int fan, String key) {
  }

  private final WebClient web;
  private final List<String> tokens;
  private final JsonObject body;
  private final List<Attempt> attempts = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final Latencies latencies = new Latencies();
  private final Map<Integer, Integer> statuses = new TreeMap<>();
  /** (fan, key) → every order id answered for it; more than one distinct id would be a duplicate. */
  private final Map<String, Set<String>> idsByKey = new HashMap<>();
  private final Map<String, Integer> fanOfOrder = new HashMap<>();
  private long startedNanos;
  private long endedNanos;

  BurstRun(WebClient web, List<String> tokens, String dropId, String productId, int keysPerFan) {
    this.web = web;
    this.tokens = tokens;
    this.body = new JsonObject().put("dropId", dropId).put("productId", productId).put("quantity", 1);
    for (int k = 0; k < keysPerFan; k++) {
      for (int fan = 0; fan < tokens.size(); fan++) {
        attempts.add(new Attempt(fan, dropId + "-" + fan + "-" + k));
      }
    }
    for (int fan = 0; fan < tokens.size(); fan++) {
      attempts.add(new Attempt(fan, dropId + "-" + fan + "-0"));
    }
  }

  /** Runs the burst on the calling thread's behalf; returns when every request is answered. */
  void fire(int concurrency) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger lanes = new AtomicInteger(concurrency);
    startedNanos = System.nanoTime();
    for (int lane = 0; lane < concurrency; lane++) {
      sendNext(() -> {
        if (lanes.decrementAndGet() == 0) {
          endedNanos = System.nanoTime();
          done.complete(null);
        }
      });
    }
    done.join();
  }

  private void sendNext(Runnable laneFinished) {
    int index = next.getAndIncrement();
    if (index >= attempts.size()) {
      laneFinished.run();
      return;
    }
    Attempt attempt = attempts.get(index);
    long sent = System.nanoTime();
    web.post("/orders").bearerTokenAuthentication(tokens.get(attempt.fan)).putHeader("Idempotency-Key", attempt.key)
        .sendJsonObject(body)
        .onComplete(answer -> {
          long took = System.nanoTime() - sent;
          synchronized (this) {
            latencies.record(took);
            if (answer.succeeded()) {
              count(attempt, answer.result());
            } else {
              statuses.merge(-1, 1, Integer::sum);
            }
          }
          sendNext(laneFinished);
        });
  }

  private void count(Attempt attempt, HttpResponse<Buffer> response) {
    statuses.merge(response.statusCode(), 1, Integer::sum);
    if (response.statusCode() == 201) {
      String id = response.bodyAsJsonObject().getString("id");
      idsByKey.computeIfAbsent(attempt.fan + "/" + attempt.key, k -> new HashSet<>()).add(id);
      fanOfOrder.put(id, attempt.fan);
    }
  }

  int requests() {
    return attempts.size();
  }

  double seconds() {
    return (endedNanos - startedNanos) / 1e9;
  }

  Latencies latencies() {
    return latencies;
  }

  Map<Integer, Integer> statuses() {
    return statuses;
  }

  /** Distinct orders answered 201, each with the fan (index) who placed it. */
  Map<String, Integer> orders() {
    return fanOfOrder;
  }

  /** Keys answered with more than one order id: each one a duplicate order. */
  long duplicateKeys() {
    return idsByKey.values().stream().filter(ids -> ids.size() > 1).count();
  }

  /** The most orders any one fan holds. */
  int mostOrdersOfOneFan() {
    Map<Integer, Integer> perFan = new HashMap<>();
    fanOfOrder.values().forEach(fan -> perFan.merge(fan, 1, Integer::sum));
    return perFan.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }
}
