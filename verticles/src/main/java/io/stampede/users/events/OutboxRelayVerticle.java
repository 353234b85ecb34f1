package io.stampede.users.events;

import java.util.ArrayList;
import java.util.List;

import io.stampede.platform.async.RoundsOnDemand;
import io.stampede.platform.infra.KafkaSetup;
import io.stampede.platform.logging.RepeatedWarning;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves {@code user_outbox} rows to Kafka in commit order and deletes them once the broker has them
 * ({@code acks=all}). One relay at a time across the cluster (a transaction-scoped advisory lock),
 * so events keep their order; a crash between send and delete sends a row again, which consumers
 * absorb (events carry ids; every consumer is idempotent). Nudged right after a change, and polls.
 */
public class OutboxRelayVerticle extends VerticleBase {

  /** Local (this member's) address a writer pokes after committing, so events leave at once. */
  public static final String NUDGE = "users.outbox.nudge";
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayVerticle.class);
  private static final RepeatedWarning RELAY_FAILED = new RepeatedWarning(LOG, "relaying user events failed, will retry: {}");
  private static final long POLL_MS = 500;
  private static final int BATCH = 500;
  private static final long LOCK_ID = 0x5354_414d_5045_4445L;
  private static final String TAKE = "SELECT seq, topic, event_key, envelope FROM user_outbox ORDER BY seq LIMIT " + BATCH;

  private final Pool pool;
  private final String bootstrap;
  private KafkaProducer<String, Buffer> producer;
  private long timer;
  private RoundsOnDemand rounds;

  public OutboxRelayVerticle(Pool pool, String bootstrap) {
    this.pool = pool;
    this.bootstrap = bootstrap;
  }

  @Override
  public Future<?> start() {
    producer = KafkaProducer.create(vertx, KafkaSetup.producerConfig(bootstrap, "users-outbox-" + deploymentID()));
    rounds = new RoundsOnDemand(() -> pool.withTransaction(this::relayBatch).map(sent -> sent == BATCH),
        e -> RELAY_FAILED.warn(e.getMessage()));
    timer = vertx.setPeriodic(POLL_MS, id -> rounds.ask());
    return vertx.eventBus().localConsumer(NUDGE, msg -> rounds.ask()).completion();
  }

  private Future<Integer> relayBatch(SqlConnection tx) {
    return tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS mine").execute(Tuple.of(LOCK_ID))
        .compose(lock -> !lock.iterator().next().getBoolean("mine") ? Future.succeededFuture(0)
            : tx.query(TAKE).execute().compose(rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture(0);
              }
              List<Future<?>> sends = new ArrayList<>();
              Long[] sent = new Long[rows.size()];
              int i = 0;
              for (Row row : rows) {
                sends.add(producer.send(KafkaProducerRecord.create(row.getString("topic"), row.getString("event_key"),
                    row.getBuffer("envelope"))));
                sent[i++] = row.getLong("seq");
              }
              // Exactly the rows sent: a row with a lower seq may commit after this read and must stay.
              return Future.all(sends)
                  .compose(v -> tx.preparedQuery("DELETE FROM user_outbox WHERE seq = ANY($1)")
                      .execute(Tuple.tuple().addArrayOfLong(sent)))
                  .map(rows.size());
            }));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return rounds.stop().eventually(producer::close);
  }
}
