package io.stampede.gateway.routing;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches for API requests this gateway instance never ends. Every request should end within the
 * services' timeout (a service that does not answer is a 503), so one still open long after that
 * is a bug somewhere between the edge's handlers and its stores, and worth a warning that says
 * where: per route, and per stage ({@link #STAGE}, set by the handlers: waiting for a service's
 * answer, or for the gateway's own checks before it). Installed first on each API route; one
 * instance per gateway verticle, used on its event loop only.
 */
public final class UnansweredRequests implements Handler<RoutingContext> {

  /** Routing-context key: what a request is waiting for now; no value means the gateway's own checks. */
  public static final String STAGE = "stampede.stage";
  private static final Logger LOG = LoggerFactory.getLogger(UnansweredRequests.class);

  private record Open(long sinceNanos, String route, RoutingContext ctx) {
  }

  private final Map<HttpServerRequest, Open> open = new IdentityHashMap<>();
  private final long limitNanos;
  private final LongSupplier nanoTime;

  public UnansweredRequests(long limitMs, LongSupplier nanoTime) {
    this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMs);
    this.nanoTime = nanoTime;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    open.put(request, new Open(nanoTime.getAsLong(), request.method() + " " + ctx.currentRoute().getPath(), ctx));
    ctx.addEndHandler(ended -> open.remove(request));
    ctx.next();
  }

  /** How many requests are open longer than the limit, by route and by stage. */
  public record Stuck(int count, Map<String, Integer> byRoute, Map<String, Integer> byStage) {
  }

  /** Requests open longer than the limit, by route and by stage; logs them when there are any. */
  public Stuck check() {
    long now = nanoTime.getAsLong();
    Map<String, Integer> byRoute = new TreeMap<>();
    Map<String, Integer> byStage = new TreeMap<>();
    int stuck = 0;
    for (Open o : open.values()) {
      if (now - o.sinceNanos() > limitNanos) {
        stuck++;
        byRoute.merge(o.route(), 1, Integer::sum);
        Object stage = o.ctx().get(STAGE);
        byStage.merge(stage == null ? "gateway checks" : stage.toString(), 1, Integer::sum);
      }
    }
    if (stuck > 0) {
      LOG.warn("{} requests still unanswered after {} ms, by route {} and by stage {}", stuck,
          TimeUnit.NANOSECONDS.toMillis(limitNanos), byRoute, byStage);
    }
    return new Stuck(stuck, byRoute, byStage);
  }
}
