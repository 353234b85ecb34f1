package io.stampede.platform.infra;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Tells a store that is away (refused or dropped connection, a timeout, a Redis Cluster between
 * masters, Postgres shutting down) from a bug. The first is the buyer's 503 with Retry-After: the
 * request may be retried with the same Idempotency-Key. The second stays a logged 500.
 */
public final class StoreOutages {

  /** Redis answers that mean "not now": failover, loading a data set, a replica that cannot write. */
  private static final List<String> REDIS_NOT_NOW = List.of("CLUSTERDOWN", "TRYAGAIN", "LOADING", "MASTERDOWN",
      "READONLY", "MOVED", "ASK", "BUSY");

  private StoreOutages() {
  }

  public static boolean isOutage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException || t instanceof ClosedConnectionException) {
        return true;
      }
      if (t instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
        return true;
      }
      if (isRedisNotNow(t) || isConnectionLoss(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isRedisNotNow(Throwable t) {
    String message = t.getMessage();
    if (message == null) {
      return false;
    }
    String first = message.split(" ", 2)[0];
    return REDIS_NOT_NOW.contains(first);
  }

  /**
   * Vert.x reports a lost or impossible connection as a stackless message, not a typed exception;
   * the Redis client's own word for a connection that closed under a command is
   * {@code CONNECTION_CLOSED} (seen when a Redis Cluster master died mid-call), and a full SQL pool
   * answers "Connection pool reached max wait queue size" or, past its wait, "Timeout waiting for
   * connection".
   */
  private static boolean isConnectionLoss(Throwable t) {
    String message = t.getMessage();
    return message != null && (message.startsWith("Connection") || message.startsWith("CONNECTION_CLOSED")
        || message.contains("connection closed") || message.contains("Connection reset")
        || message.contains("Cannot connect") || message.contains("Failed to connect")
        || message.contains("Pool closed") || message.contains("Timed out")
        || message.startsWith("Timeout waiting for connection"));
  }
}
