package io.stampede.orders.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.stampede.contracts.events.Events;
import io.stampede.contracts.events.InventoryChanged;
import io.stampede.orders.reservation.Reservations;
import io.stampede.orders.store.OrderStore;
import io.stampede.platform.async.OneRoundAtATime;
import io.stampede.platform.events.EventRecords;
import io.stampede.platform.infra.KafkaSetup;
import io.stampede.platform.infra.RedisKeys;
import io.stampede.platform.logging.RepeatedWarning;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every drop that can still sell. When Redis has lost a drop's counters (restart without
 * persistence) or they are of an earlier epoch (a replica promoted after its master died may lack the
 * last reservations) the drop answers 503 until they are rebuilt; the rebuild waits until the
 * persister has committed every order already in Kafka, so the counters count them too. Each tick
 * also settles reservations orphaned by a member that died mid-order ({@link OrphanSweep}). Every
 * {@code orders.reconcile-interval-ms} it also compares live counters with Postgres and repairs
 * drift that held still ({@link DriftRepair}).
 */
public class ReconcilerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ReconcilerVerticle.class);
  private static final RepeatedWarning TICK_FAILED = new RepeatedWarning(LOG, "reconciliation tick failed: {}");
  private static final RepeatedWarning REBUILD_REFUSED = new RepeatedWarning(LOG,
      "the counters of drop {} were neither restored by this member nor current afterwards; trying again next tick");
  private static final RepeatedWarning COMPARISON_FAILED = new RepeatedWarning(LOG, "drift comparison failed: {}");
  private static final long TICK_MS = 1000;
  /** A tick or comparison still running after this no longer holds the next one back. */
  private static final Duration ROUND_DEADLINE = Duration.ofSeconds(10);
  private static final String CHECK_NOW = "orders.reconcile.check-drop";
  private static final long CHECK_NOW_TIMEOUT_MS = 3000;
  private static final long CHECK_NOW_RETRY_MS = 50;
  private static final String OPEN_DROPS =
      "SELECT id, status, version FROM drops WHERE status IN ('SCHEDULED', 'LIVE', 'SOLD_OUT')";
  private static final String SELLING_DROPS = "SELECT id FROM drops WHERE status IN ('LIVE', 'SOLD_OUT')";

  private final Pool pool;
  private final Redis redis;
  private final RedisKeys keys;
  private final Reservations reservations;
  private final OrderStore orders;
  private final String bootstrap;
  private final String persisterGroup;
  private final ReconcileSettings settings;
  private CounterRebuild rebuild;
  private OrphanSweep orphans;
  private DriftRepair drift;
  private PersisterLag lag;
  private KafkaProducer<String, Buffer> producer;
  private long timer;
  private long driftTimer;
  private OneRoundAtATime ticks;
  private OneRoundAtATime comparisons;

  public ReconcilerVerticle(Pool pool, Redis redis, RedisKeys keys, Reservations reservations, OrderStore orders,
                            String bootstrap, String persisterGroup, ReconcileSettings settings) {
    this.pool = pool;
    this.redis = redis;
    this.keys = keys;
    this.reservations = reservations;
    this.orders = orders;
    this.bootstrap = bootstrap;
    this.persisterGroup = persisterGroup;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    rebuild = new CounterRebuild(pool, redis, keys, settings.recordTtl());
    drift = new DriftRepair(pool, redis, keys, settings.driftSettle().toMillis(), System::currentTimeMillis);
    lag = new PersisterLag(KafkaAdminClient.create(vertx, KafkaSetup.adminConfig(bootstrap)), persisterGroup);
    orphans = new OrphanSweep(reservations, orders, lag, settings.inFlightLease());
    producer = KafkaProducer.create(vertx, KafkaSetup.producerConfig(bootstrap, "orders-reconciler-" + deploymentID()));
    vertx.eventBus().<JsonObject>localConsumer(CHECK_NOW, msg -> checkUntilCurrent(msg.body().getString("dropId"),
        msg.body().getString("status"), msg.body().getLong("version"), System.currentTimeMillis() + CHECK_NOW_TIMEOUT_MS)
        .onComplete(done -> msg.reply(done.succeeded())));
    ticks = new OneRoundAtATime("a reconciliation tick", ROUND_DEADLINE, e -> TICK_FAILED.warn(e.getMessage()));
    comparisons = new OneRoundAtATime("a drift comparison", ROUND_DEADLINE,
        e -> COMPARISON_FAILED.warn(e.getMessage()));
    timer = vertx.setPeriodic(1, TICK_MS, id -> ticks.run(this::tick));
    driftTimer = vertx.setPeriodic(settings.driftInterval().toMillis(), id -> comparisons.run(this::compare));
    return Future.succeededFuture();
  }

  /**
   * Has this member's reconciler check one drop now (rebuild its counters if they are not current
   * and no order is waiting in Kafka); completes when it is done, or after a few seconds (the
   * periodic tick carries on), never failing.
   */
  public static Future<Void> checkNow(Vertx vertx, String dropId, String status, long version) {
    JsonObject drop = new JsonObject().put("dropId", dropId).put("status", status).put("version", version);
    return vertx.eventBus().request(CHECK_NOW, drop, new DeliveryOptions().setSendTimeout(CHECK_NOW_TIMEOUT_MS + 1000).setLocalOnly(true))
        .<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  /** Checks the drop again (orders of other drops may still be on their way to Postgres) until it is current. */
  private Future<Void> checkUntilCurrent(String dropId, String status, long version, long deadline) {
    return checkDrop(dropId, status, version)
        .compose(current -> current || System.currentTimeMillis() >= deadline ? Future.<Void>succeededFuture()
            : vertx.timer(CHECK_NOW_RETRY_MS).compose(t -> checkUntilCurrent(dropId, status, version, deadline)));
  }

  private Future<?> tick() {
    return pool.query(OPEN_DROPS).execute()
        .compose(drops -> {
          List<Future<Void>> checks = new ArrayList<>();
          for (Row d : drops) {
            checks.add(checkDrop(d.getString("id"), d.getString("status"), d.getLong("version")).mapEmpty());
          }
          return Future.join(checks);
        });
  }

  private Future<?> compare() {
    return lag.records().compose(pending -> {
      if (pending > 0) {
        drift.forget();
        return Future.succeededFuture();
      }
      return pool.query(SELLING_DROPS).execute().compose(drops -> {
        List<Future<Void>> checks = new ArrayList<>();
        for (Row d : drops) {
          String dropId = d.getString("id");
          checks.add(drift.check(dropId).compose(this::announce));
        }
        return Future.join(checks);
      });
    });
  }

  /** @return whether the drop's counters are current once this check is done (false: still waiting for the persister) */
  private Future<Boolean> checkDrop(String dropId, String status, long version) {
    return reservations.countersAreCurrent(dropId).compose(current -> {
      if (current) {
        return orphans.sweep(dropId).map(true);
      }
      return lag.records().compose(pending -> {
        if (pending > 0) {
          LOG.info("drop {} lost its counters; waiting for {} order record(s) to be persisted first", dropId, pending);
          return Future.succeededFuture(false);
        }
        // Not restored by this call: another member's reconciler did it first, or it will next round.
        return rebuild.rebuild(dropId, status, version).compose(done -> done
            ? announceRebuilt(dropId).map(true) : currentAfterRefusedRebuild(dropId));
      });
    });
  }

  /** Another member may have rebuilt it; if not, the drop stays paused, which is worth a warning. */
  private Future<Boolean> currentAfterRefusedRebuild(String dropId) {
    return reservations.countersAreCurrent(dropId).onSuccess(current -> {
      if (!current) {
        REBUILD_REFUSED.warn(dropId);
      }
    });
  }

  /** {@code inventory_changes} for each rebuilt item, so subscribers see the restored counts. */
  private Future<Void> announceRebuilt(String dropId) {
    LOG.warn("rebuilt the counters of drop {} from Postgres", dropId);
    return pool.preparedQuery("SELECT product_id, stock FROM drop_items WHERE drop_id = $1").execute(Tuple.of(dropId))
        .compose(items -> {
          List<Future<InventoryChanged>> reads = new ArrayList<>();
          for (Row item : items) {
            String productId = item.getString("product_id");
            int stock = item.getInteger("stock");
            reads.add(redis.send(Request.cmd(Command.HGET).arg(keys.dropKey(dropId, "item", productId)).arg("remaining"))
                .map(left -> new InventoryChanged(dropId, productId, stock, left == null ? 0 : left.toInteger(), "rebuilt")));
          }
          return Future.all(reads).compose(all -> announce(all.list()));
        });
  }

  private Future<Void> announce(List<InventoryChanged> changes) {
    List<Future<?>> sends = new ArrayList<>();
    for (InventoryChanged change : changes) {
      sends.add(producer.send(EventRecords.of(Events.INVENTORY_CHANGED, change.dropId(), change)));
    }
    return Future.all(sends).mapEmpty();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(driftTimer);
    return Future.join(ticks.finished(), comparisons.finished()).eventually(producer::close);
  }
}
