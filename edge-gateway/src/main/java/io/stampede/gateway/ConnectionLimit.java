package io.stampede.gateway;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.management.UnixOperatingSystemMXBean;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.AttributeKey;
import io.stampede.platform.logging.RepeatedWarning;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the client connections (HTTP and the WebSockets they became) that all gateway instances of
 * a member hold at once, and closes any connection beyond it straight away. A burst that opened a
 * connection per fan would otherwise use up the process's open files, and then everything else
 * in the member that needs one (its Postgres and Redis connections, the embedded broker's log
 * files: a 20,000-fan Gatling run stopped the broker that way) fails with it. A fan whose
 * connection is closed retries; nothing it sent was started. A connection is counted once its
 * first bytes are read, so its first request is already in hand when it is refused:
 * {@link #turnAwayRefused}, first on the router, drops it (it used to run, unanswered: a sign-up
 * made the account and its retry found the name taken).
 */
public final class ConnectionLimit {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimit.class);
  /**
   * Open files kept, when the limit is automatic, for everything that is not an admitted client
   * connection: the stores, the broker, and the connections accepted but not yet counted (a
   * connection is counted once its first bytes are read, and a burst of retrying fans keeps
   * thousands in that state: a reserve of 2,000 out of 20,000 was not enough).
   */
  static final double RESERVED_SHARE = 0.25;
  static final int RESERVED_AT_LEAST = 2000;
  private static final int SMALLEST_AUTOMATIC = 100;

  private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("stampede.connection-refused");

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter refused;
  private final RepeatedWarning refusing;

  ConnectionLimit(int max, MeterRegistry meters) {
    this.max = max;
    Gauge.builder("stampede.http.connections", open, AtomicInteger::get)
        .description("client connections the gateway holds").register(meters);
    this.refused = Counter.builder("stampede.http.connections.refused")
        .description("client connections closed because the member held http.max-connections").register(meters);
    this.refusing = new RepeatedWarning(LOG, "closing new client connections: {} are open, the limit (http.max-connections)");
  }

  /** {@code configured} 0: three quarters of the process's open-file limit, keeping at least 2,000 files (no limit where that is unknown). */
  public static ConnectionLimit of(int configured, MeterRegistry meters) {
    return new ConnectionLimit(configured > 0 ? configured : automatic(), meters);
  }

  private static int automatic() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      long files = unix.getMaxFileDescriptorCount();
      long reserved = Math.max(RESERVED_AT_LEAST, (long) (files * RESERVED_SHARE));
      return (int) Math.min(Integer.MAX_VALUE, Math.max(SMALLEST_AUTOMATIC, files - reserved));
    }
    return Integer.MAX_VALUE;
  }

  public int max() {
    return max;
  }

  /**
   * For {@code HttpServer.connectionHandler}: counts the connection and answers true, or closes it
   * when the member is full.
   */
  public boolean admit(HttpConnection connection) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      refused.increment();
      refusing.warn(max);
      if (connection instanceof ConnectionBase base) {
        base.channel().attr(REFUSED).set(Boolean.TRUE);
      }
      connection.close();
      return false;
    }
    // The channel's close, not the connection's close handler: a connection upgraded to a WebSocket
    // never calls the handler, and every socket that came and went stayed counted until the member
    // refused all connections.
    if (connection instanceof ConnectionBase base) {
      base.channel().closeFuture().addListener(closed -> open.decrementAndGet());
    } else {
      connection.closeHandler(closed -> open.decrementAndGet());
    }
    return true;
  }

  /** First handler of the router: a request that came on a refused connection goes no further. */
  public static void turnAwayRefused(RoutingContext ctx) {
    if (ctx.request().connection() instanceof ConnectionBase base && base.channel().hasAttr(REFUSED)) {
      return;
    }
    ctx.next();
  }
}
