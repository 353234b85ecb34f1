package io.stampede.orders.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.stampede.contracts.events.EventCodec;
import io.stampede.contracts.events.Events;
import io.stampede.contracts.events.InventoryChanged;
import io.stampede.platform.infra.KafkaSetup;
import io.stampede.platform.infra.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
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
 * persistence, failover) the drop answers 503 until they are rebuilt; the rebuild waits until the
 * persister has committed every order already in Kafka, so the counters count them too. Every
 * {@code orders.reconcile-interval-ms} it also compares live counters with Postgres and repairs
 * drift that held still ({@link DriftRepair}).
 */
public class ReconcilerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ReconcilerVerticle.class);
  private static final long TICK_MS = 1000;
  private static final String OPEN_DROPS =
      "SELECT id, status, version FROM drops WHERE status IN ('SCHEDULED', 'LIVE', 'SOLD_OUT')";
  private static final String SELLING_DROPS = "SELECT id FROM drops WHERE status IN ('LIVE', 'SOLD_OUT')";

  private final Pool pool;
  private final Redis redis;
  private final RedisKeys keys;
  private final String bootstrap;
  private final String persisterGroup;
  private final Duration recordTtl;
  private final Duration driftInterval;
  private final Duration driftSettle;
  private CounterRebuild rebuild;
  private DriftRepair drift;
  private PersisterLag lag;
  private KafkaProducer<String, Buffer> producer;
  private long timer;
  private long driftTimer;
  private boolean ticking;
  private boolean comparing;

  public ReconcilerVerticle(Pool pool, Redis redis, RedisKeys keys, String bootstrap, String persisterGroup,
                            Duration recordTtl, Duration driftInterval, Duration driftSettle) {
    this.pool = pool;
    this.redis = redis;
    this.keys = keys;
    this.bootstrap = bootstrap;
    this.persisterGroup = persisterGroup;
    this.recordTtl = recordTtl;
    this.driftInterval = driftInterval;
    this.driftSettle = driftSettle;
  }

  @Override
  public Future<?> start() {
    rebuild = new CounterRebuild(pool, redis, keys, recordTtl);
    drift = new DriftRepair(pool, redis, keys, driftSettle.toMillis(), System::currentTimeMillis);
    lag = new PersisterLag(KafkaAdminClient.create(vertx, KafkaSetup.adminConfig(bootstrap)), persisterGroup);
    producer = KafkaProducer.create(vertx, KafkaSetup.producerConfig(bootstrap, "orders-reconciler-" + deploymentID()));
    timer = vertx.setPeriodic(1, TICK_MS, id -> tick());
    driftTimer = vertx.setPeriodic(driftInterval.toMillis(), id -> compare());
    return Future.succeededFuture();
  }

  private void tick() {
    if (ticking) {
      return;
    }
    ticking = true;
    pool.query(OPEN_DROPS).execute()
        .compose(drops -> {
          List<Future<Void>> checks = new ArrayList<>();
          for (Row d : drops) {
            checks.add(checkDrop(d.getString("id"), d.getString("status"), d.getLong("version")));
          }
          return Future.join(checks);
        })
        .onFailure(e -> LOG.warn("reconciliation tick failed: {}", e.getMessage()))
        .onComplete(done -> ticking = false);
  }

  private void compare() {
    if (comparing) {
      return;
    }
    comparing = true;
    lag.records().compose(pending -> {
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
    })
        .onFailure(e -> LOG.warn("drift comparison failed: {}", e.getMessage()))
        .onComplete(done -> comparing = false);
  }

  private Future<Void> checkDrop(String dropId, String status, long version) {
    return redis.send(Request.cmd(Command.EXISTS).arg(keys.dropKey(dropId, "state"))).compose(exists -> {
      if (exists.toInteger() == 1) {
        return Future.succeededFuture();
      }
      return lag.records().compose(pending -> {
        if (pending > 0) {
          LOG.info("drop {} lost its counters; waiting for {} order record(s) to be persisted first", dropId, pending);
          return Future.succeededFuture();
        }
        return rebuild.rebuild(dropId, status, version).compose(done -> done ? announceRebuilt(dropId) : Future.succeededFuture());
      });
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
      sends.add(producer.send(KafkaProducerRecord.create(Events.INVENTORY_CHANGED.topic(), change.dropId(),
          EventCodec.encode(Events.INVENTORY_CHANGED.wrap(change)))));
    }
    return Future.all(sends).mapEmpty();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(driftTimer);
    return producer.close();
  }
}
