package io.stampede.orders.rehearsal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.stampede.orders.store.OrderStore;
import io.stampede.platform.infra.RedisKeys;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.SqlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms a member's order path before the gateway opens its port ({@code orders.rehearsal-seconds}).
 * A fresh JVM runs the path interpreted, then through two compilers, for its first minutes of load:
 * on a two-core machine a new member sold at half the rate it reached three minutes later, and the
 * 20,000-fan burst on a fresh member took 11.3 s to sell out against 7.1 s on a member that had
 * sold before (perf/RESULTS.md). The first drop after a deploy should not pay for that.
 *
 * <p>For the length given, one {@link RehearsalVerticle} per order API instance places orders on a
 * {@link SandboxDrop} through the same placement code, Redis scripts and Kafka producer as real
 * orders. Nothing of it is visible afterwards: its drop and counters are its own and are removed, its
 * records go to a topic nobody reads, its meters to a registry of its own. A rehearsal that fails
 * (Redis or Kafka away) is reported and the member starts anyway: it is warm-up, not a check.
 */
public final class OrderRehearsal {

  private static final Logger LOG = LoggerFactory.getLogger(OrderRehearsal.class);

  private final Vertx vertx;
  private final Redis redis;
  private final RedisKeys keys;
  private final boolean oneServer;
  private final SqlClient reads;
  private final OrderStore orders;
  private final String kafkaBootstrap;

  public OrderRehearsal(Vertx vertx, Redis redis, RedisKeys keys, boolean oneServer, SqlClient reads, OrderStore orders,
                        String kafkaBootstrap) {
    this.vertx = vertx;
    this.redis = redis;
    this.keys = keys;
    this.oneServer = oneServer;
    this.reads = reads;
    this.orders = orders;
    this.kafkaBootstrap = kafkaBootstrap;
  }

  /** What a rehearsal did; {@code problem} says what went wrong, null when nothing did. */
  public record Report(long placed, long failed, Duration took, String problem) {
  }

  /** Rehearses for {@code length} on {@code instances} event loops; never fails. */
  public Future<Report> run(Duration length, int instances) {
    long started = System.nanoTime();
    long deadline = started + length.toNanos();
    SandboxDrop drop = new SandboxDrop(redis, keys, oneServer, reads);
    RehearsalTally tally = new RehearsalTally();
    AtomicLong sequence = new AtomicLong();
    Future<Void> rehearsed = drop.open()
        .compose(v -> vertx.deployVerticle(() -> new RehearsalVerticle(drop, orders, kafkaBootstrap, deadline, tally,
            sequence), new DeploymentOptions().setInstances(instances)))
        .compose(vertx::undeploy);
    // The counters are cleared whatever came of it; the report says what happened.
    return rehearsed.transform(done -> drop.clear()
        .transform(cleared -> Future.succeededFuture(report(started, tally, done.cause(), cleared.cause()))));
  }

  private static Report report(long started, RehearsalTally tally, Throwable rehearsing, Throwable clearing) {
    String problem = Stream.of(rehearsing, clearing, tally.firstFailure())
        .filter(Objects::nonNull).findFirst().map(e -> String.valueOf(e.getMessage())).orElse(null);
    Report report = new Report(tally.placedCount(), tally.failedCount(), Duration.ofNanos(System.nanoTime() - started),
        problem);
    if (problem != null) {
      LOG.warn("order path rehearsal: {} orders placed, {} failed in {} ms ({})", report.placed(), report.failed(),
          report.took().toMillis(), problem);
    } else {
      LOG.info("order path rehearsed: {} orders in {} ms", report.placed(), report.took().toMillis());
    }
    return report;
  }
}
