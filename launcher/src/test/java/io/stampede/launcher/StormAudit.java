package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.stampede.platform.infra.RedisKeys;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Counts every unit of a drop after an {@link OrderStorm}: what the fans were told, what Postgres
 * holds and what Redis has left must agree. Prints one line a person can read (and that
 * {@code perf/RESULTS.md} quotes), then asserts: nothing unexpected was answered, no key got two
 * orders, every 201 is a CONFIRMED row and every row was a 201 (nothing lost, nothing invented),
 * no oversell, sold + remaining = stock once in-flight reservations are settled, and the per-item
 * count of held units the database keeps equals the sum of the orders.
 */
final class StormAudit {

  private static final Duration SETTLE = Duration.ofSeconds(90);

  private final String fault;
  private final OrderStorm storm;
  private final DropFixture drop;
  private long faultAtMs = -1;
  private long faultEndedAtMs = -1;

  StormAudit(String fault, OrderStorm storm, DropFixture drop) {
    this.fault = fault;
    this.storm = storm;
    this.drop = drop;
  }

  long faultAtMs() {
    return faultAtMs;
  }

  /** The fault begins now (the storm's clock). */
  void faultBegins() {
    faultAtMs = storm.now();
  }

  /** The broken part is back (or, for a crash, the cluster has moved on). */
  void faultEnds() {
    faultEndedAtMs = storm.now();
  }

  void verify(Pool pool, Redis redis, RedisKeys keys) {
    Map<String, String> told = new HashMap<>(storm.orderByKey());
    Set<String> toldIds = new HashSet<>(told.values());
    String item = keys.dropKey(drop.dropId(), "item", drop.productId());
    String inFlight = keys.dropKey(drop.dropId(), "inflight");
    long[] sold = new long[1];
    long[] remaining = new long[1];
    Poll.until("every accepted order is in Postgres and every unit is accounted for", SETTLE, () -> {
      sold[0] = units(pool);
      remaining[0] = remaining(redis, item);
      return rows(pool) == toldIds.size() && cardinality(redis, inFlight) == 0 && sold[0] + remaining[0] == drop.stock();
    });
    long settledAtMs = storm.now();
    Map<String, String> rows = orders(pool);
    Set<String> lost = new HashSet<>(toldIds);
    lost.removeAll(rows.keySet());
    Set<String> invented = new HashSet<>(rows.keySet());
    invented.removeAll(toldIds);
    long notConfirmed = rows.values().stream().filter(s -> !"CONFIRMED".equals(s)).count();
    long oversell = Math.max(0, sold[0] - drop.stock());

    System.out.println(report(sold[0], remaining[0], lost.size(), invented.size(), oversell, settledAtMs));

    assertThat(storm.unexpected()).as("answers a drop platform must never give").isEmpty();
    assertThat(storm.duplicates()).as("keys answered with two different orders").isEmpty();
    assertThat(lost).as("accepted (201) but not in Postgres").isEmpty();
    assertThat(invented).as("in Postgres but never answered 201").isEmpty();
    assertThat(notConfirmed).as("orders not CONFIRMED").isZero();
    assertThat(oversell).as("units sold beyond the stock").isZero();
    assertThat(sold[0] + remaining[0]).as("sold + remaining").isEqualTo(drop.stock());
    assertThat(held(pool)).as("the units Postgres counts as held, against the sum of the orders").isEqualTo(sold[0]);
  }

  private String report(long sold, long remaining, int lost, int invented, long oversell, long settledAtMs) {
    var events = storm.timeline();
    long total = events.size();
    long end = faultEndedAtMs < 0 ? Long.MAX_VALUE : faultEndedAtMs;
    long during = events.stream().filter(e -> e.atMs() >= faultAtMs && e.atMs() <= end).count();
    long errors = events.stream().filter(OrderStorm.Event::retry).count();
    long lastError = events.stream().filter(e -> e.retry() && e.atMs() >= faultAtMs).mapToLong(OrderStorm.Event::atMs)
        .max().orElse(-1);
    String recovered = lastError < 0 ? "no errors" : String.format("%.1f s", (lastError - faultAtMs) / 1000.0);
    Map<String, Long> answers = new TreeMap<>();
    storm.answers().forEach((kind, count) -> answers.put(kind, count.get()));
    return String.format("FAULT | %s | requests %d (during the fault %d) | errors seen %d | oversell %d | lost %d | "
            + "duplicates %d | invented %d | sold %d + remaining %d of stock %d | last error %s after the fault began | "
            + "fault lasted %.1f s | all settled %.1f s after it ended (fans sold out meanwhile) | answers %s | first of "
            + "each retried kind %s",
        fault, total, during, errors, oversell, lost, storm.duplicates().size(), invented, sold, remaining, drop.stock(),
        recovered, (faultEndedAtMs - faultAtMs) / 1000.0, (settledAtMs - faultEndedAtMs) / 1000.0, answers,
        storm.samples());
  }

  private long rows(Pool pool) {
    return Await.result(pool.preparedQuery("SELECT count(*) FROM orders WHERE drop_id = $1")
        .execute(Tuple.of(drop.dropId()))).iterator().next().getLong(0);
  }

  private long units(Pool pool) {
    return Await.result(pool.preparedQuery("SELECT coalesce(sum(quantity), 0) FROM orders WHERE drop_id = $1 "
        + "AND status = 'CONFIRMED'").execute(Tuple.of(drop.dropId()))).iterator().next().getLong(0);
  }

  private long held(Pool pool) {
    return Await.result(pool.preparedQuery("SELECT held FROM drop_items WHERE drop_id = $1 AND product_id = $2")
        .execute(Tuple.of(drop.dropId(), drop.productId()))).iterator().next().getLong(0);
  }

  private Map<String, String> orders(Pool pool) {
    Map<String, String> statusById = new HashMap<>();
    Await.result(pool.preparedQuery("SELECT id, status FROM orders WHERE drop_id = $1").execute(Tuple.of(drop.dropId())))
        .forEach(row -> statusById.put(row.getString("id"), row.getString("status")));
    return statusById;
  }

  private static long remaining(Redis redis, String item) {
    Response value = Await.result(redis.send(Request.cmd(Command.HGET).arg(item).arg("remaining")));
    return value == null ? -1 : value.toLong();
  }

  private static long cardinality(Redis redis, String key) {
    return Await.result(redis.send(Request.cmd(Command.ZCARD).arg(key))).toLong();
  }
}
