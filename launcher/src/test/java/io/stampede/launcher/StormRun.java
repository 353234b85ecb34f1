package io.stampede.launcher;

import java.time.Duration;
import java.util.List;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.infra.RedisSetup;
import io.stampede.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;

/**
 * One fault scenario's storm from the outside: a live drop, fans ordering through the given
 * gateways, and the clients the audit reads Postgres and Redis with. The test breaks things
 * between {@link #start} and {@link #finish}.
 */
final class StormRun implements AutoCloseable {

  private static final Duration SELL_OUT = Duration.ofSeconds(120);

  private final Vertx vertx = Vertx.vertx();
  private final Node node;
  private final Pool pool;
  private final Redis redis;
  private final DropFixture drop;
  private final OrderStorm storm;
  private final StormAudit audit;

  /**
   * @param node a member with the gateway and drops services, whose configuration the audit uses
   * @param gateways the HTTP ports the fans spread over
   */
  private StormRun(String fault, Node node, List<Integer> gateways, int stock, int fans, long paceMs) {
    this.node = node;
    this.pool = PostgresSetup.pool(vertx, node.config(), "fault-audit");
    this.redis = RedisSetup.client(vertx, node.config());
    ApiClient api = new ApiClient(vertx, node);
    this.drop = DropFixture.live(node, pool, Fans.creator(api), stock, stock, 900);
    this.storm = new OrderStorm(vertx, gateways, Fans.signUp(api, fans), drop.dropId(), drop.productId(), paceMs);
    this.audit = new StormAudit(fault, storm, drop);
  }

  /** Starts the storm and returns once it is in full swing (100 orders accepted). */
  static StormRun start(String fault, Node node, List<Integer> gateways, int stock, int fans, long paceMs) {
    StormRun run = new StormRun(fault, node, gateways, stock, fans, paceMs);
    run.storm.start();
    run.storm.awaitAccepted(100, Duration.ofSeconds(30));
    return run;
  }

  OrderStorm storm() {
    return storm;
  }

  StormAudit audit() {
    return audit;
  }

  DropFixture drop() {
    return drop;
  }

  RedisKeys keys() {
    return new RedisKeys(node.config().get(ConfigKeys.REDIS_KEY_PREFIX));
  }

  /** Waits until the fault has lasted {@code length} (the scenario's fault is that long, by definition). */
  void holdFaultFor(Duration length) throws InterruptedException {
    Thread.sleep(Math.max(0, length.toMillis() - (storm.now() - audit.faultAtMs())));
  }

  /**
   * Breaks something whose cure is Stampede's own (a rebuild): the fault's start is marked, buyers
   * must be told 503 within 10 s, and the fault ends when the next order is accepted.
   */
  void pauseAndResume(Runnable fault) {
    audit.faultBegins();
    fault.run();
    Poll.until("buyers are told 503 until the counters are rebuilt", Duration.ofSeconds(10),
        () -> storm.answers().containsKey("503 UNAVAILABLE"));
    storm.awaitAccepted(1, Duration.ofSeconds(60));
    audit.faultEnds();
  }

  /** Fans order flat out until sold out; then every unit is counted. */
  void finish() {
    storm.sprint();
    storm.awaitSoldOut(SELL_OUT);
    audit.verify(pool, redis, keys());
  }

  @Override
  public void close() {
    redis.close();
    pool.close();
    vertx.close();
  }
}
