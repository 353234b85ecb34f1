package io.stampede.platform.infra;

import java.util.concurrent.TimeUnit;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.config.StampedeConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the database when it is missing, applies the versioned migrations, and opens pools. */
public final class PostgresSetup {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresSetup.class);
  private static final String MAINTENANCE_DATABASE = "postgres";
  private static final String DUPLICATE_DATABASE = "42P04";
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int CONNECT_TIMEOUT_MS = 5000;
  private static final int PIPELINING_LIMIT = 256;

  private PostgresSetup() {
  }

  public static PgConnectOptions connectOptions(StampedeConfig config, String database) {
    return new PgConnectOptions()
        .setHost(config.get(ConfigKeys.POSTGRES_HOST))
        .setPort(config.get(ConfigKeys.POSTGRES_PORT))
        .setDatabase(database)
        .setUser(config.get(ConfigKeys.POSTGRES_USER))
        .setPassword(config.get(ConfigKeys.POSTGRES_PASSWORD))
        .setCachePreparedStatements(true)
        .setPipeliningLimit(PIPELINING_LIMIT);
  }

  /**
   * One pool per service, named after it, so pools show up apart in metrics.
   *
   * <p>A query waits for a connection at most half the gateway's request timeout. Under overload,
   * the work the pool cannot start in time is refused at once (a store outage: the caller's 503
   * with {@code Retry-After}) instead of queueing to be done after the gateway has given up on it.
   * Without that bound the auth pool's queue held 10,000 sign-ins in the 20,000-fan burst, each
   * answered 503 by the gateway before it reached Postgres, each retried, and every sign-in failed
   * until the load stopped (perf/RESULTS.md).
   */
  public static Pool pool(Vertx vertx, StampedeConfig config, String serviceName) {
    return pool(vertx, config, serviceName, config.get(ConfigKeys.POSTGRES_POOL_SIZE));
  }

  /** A pool of its own size, for a writer that must not queue behind a service's readers. */
  public static Pool pool(Vertx vertx, StampedeConfig config, String name, int size) {
    return PgBuilder.pool()
        .with(poolOptions(config, name, size))
        .connectingTo(connectOptions(config, config.get(ConfigKeys.POSTGRES_DATABASE)))
        .using(vertx)
        .build();
  }

  /**
   * For a service whose statements each stand alone (no transaction): as many connections as
   * {@link #pool(Vertx, StampedeConfig, String)}, with the same bounds, but a statement does not
   * wait for a connection of its own: it is pipelined on one that is busy, up to
   * {@value #PIPELINING_LIMIT} at a time each. Postgres then works through a queue of statements
   * instead of waiting for each answer to be read and the connection given back, which an event
   * loop held up by other work delays. In the 20,000-fan burst the orders pool's eight connections,
   * one statement at a time, turned the buyers' order lists into "Timeout waiting for connection"
   * by the ten thousand (perf/RESULTS.md).
   */
  public static SqlClient pipelinedClient(Vertx vertx, StampedeConfig config, String serviceName) {
    return PgBuilder.client()
        .with(poolOptions(config, serviceName, config.get(ConfigKeys.POSTGRES_POOL_SIZE)))
        .connectingTo(connectOptions(config, config.get(ConfigKeys.POSTGRES_DATABASE)))
        .using(vertx)
        .build();
  }

  private static PoolOptions poolOptions(StampedeConfig config, String name, int size) {
    return new PoolOptions().setMaxSize(size).setName("pg-" + name)
        .setShared(true).setMaxWaitQueueSize(10_000)
        .setConnectionTimeout(Math.max(1, config.get(ConfigKeys.HTTP_REQUEST_TIMEOUT_MS) / 2))
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
  }

  /** Creates {@code postgres.database} unless it exists; safe when several members start at once. */
  public static Future<Void> ensureDatabase(Vertx vertx, StampedeConfig config) {
    String database = config.get(ConfigKeys.POSTGRES_DATABASE);
    return PgConnection.connect(vertx, connectOptions(config, MAINTENANCE_DATABASE))
        .timeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(unreachable(config, e)))
        .compose(conn -> conn.preparedQuery("SELECT 1 FROM pg_database WHERE datname = $1").execute(Tuple.of(database))
            .compose(rows -> rows.size() > 0 ? Future.<Void>succeededFuture() : create(conn, database))
            .eventually(conn::close));
  }

  private static Future<Void> create(PgConnection conn, String database) {
    if (!database.matches("[A-Za-z0-9_]+")) {
      return Future.failedFuture(new InfrastructureException(
          "postgres.database '" + database + "' may only hold letters, digits and underscores", null));
    }
    return conn.query("CREATE DATABASE \"" + database + "\"").execute()
        .<Void>mapEmpty()
        .onSuccess(v -> LOG.info("created database {}", database))
        .recover(e -> e instanceof PgException pg
            && (DUPLICATE_DATABASE.equals(pg.getSqlState()) || UNIQUE_VIOLATION.equals(pg.getSqlState()))
            ? Future.succeededFuture() : Future.failedFuture(e));
  }

  /** Applies the migrations under {@code db/migration} with Flyway, on a worker thread. */
  public static Future<Integer> migrate(Vertx vertx, StampedeConfig config) {
    return vertx.executeBlocking(() -> {
      String url = "jdbc:postgresql://" + config.get(ConfigKeys.POSTGRES_HOST) + ":" + config.get(ConfigKeys.POSTGRES_PORT)
          + "/" + config.get(ConfigKeys.POSTGRES_DATABASE);
      int applied = Flyway.configure()
          .dataSource(url, config.get(ConfigKeys.POSTGRES_USER), config.get(ConfigKeys.POSTGRES_PASSWORD))
          .locations("classpath:db/migration")
          .loggers("slf4j")
          .load()
          .migrate()
          .migrationsExecuted;
      if (applied > 0) {
        LOG.info("applied {} database migration(s)", applied);
      }
      return applied;
    });
  }

  /** Drops a database; for test harnesses that made one per run. */
  public static Future<Void> dropDatabase(Vertx vertx, StampedeConfig config, String database) {
    return PgConnection.connect(vertx, connectOptions(config, MAINTENANCE_DATABASE))
        .compose(conn -> conn.query("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)").execute()
            .<Void>mapEmpty()
            .eventually(conn::close));
  }

  private static InfrastructureException unreachable(StampedeConfig config, Throwable cause) {
    return new InfrastructureException("PostgreSQL at " + config.get(ConfigKeys.POSTGRES_HOST) + ":"
        + config.get(ConfigKeys.POSTGRES_PORT) + " is not reachable as user '" + config.get(ConfigKeys.POSTGRES_USER)
        + "' (" + cause.getMessage() + "); start it or set postgres.host, postgres.port, postgres.user, "
        + "postgres.password (STAMPEDE_POSTGRES_HOST, ...)", cause);
  }
}
