package io.stampede.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.contracts.api.Caller;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.gateway.auth.Authenticate;
import io.stampede.gateway.routing.ServiceRoute;
import io.stampede.platform.infra.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route handler: spends one token from each bucket that applies (client IP; the signed-in user;
 * for login, the username tried), answers {@code RateLimit-*} headers from the tightest of them,
 * and refuses with 429 {@code RATE_LIMITED} and {@code Retry-After} when any is empty.
 * When Redis cannot be asked, the request passes: an outage of the limiter is not an outage of Stampede.
 */
public final class RateLimit implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimit.class);

  private final ServiceRoute route;
  private final RateLimitSettings settings;
  private final TokenBuckets buckets;
  private final RedisKeys keys;
  private final Counter refusals;

  public RateLimit(ServiceRoute route, RateLimitSettings settings, TokenBuckets buckets, RedisKeys keys, MeterRegistry meters) {
    this.route = route;
    this.settings = settings;
    this.buckets = buckets;
    this.keys = keys;
    this.refusals = Counter.builder("stampede.ratelimit.refusals").tag("class", route.rateClass().id())
        .description("requests refused with 429").register(meters);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String cls = route.rateClass().id();
    List<Future<TokenBuckets.Decision>> takes = new ArrayList<>();
    String ip = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    takes.add(buckets.take(keys.key("rl", cls, "ip", ip), settings.perIp().get(route.rateClass())));
    Caller caller = ctx.get(Authenticate.CALLER);
    if (caller != null) {
      takes.add(buckets.take(keys.key("rl", cls, "user", caller.userId()), settings.perUser().get(route.rateClass())));
    }
    String username = route.path().equals("/auth/login") ? loginUsername(ctx) : null;
    if (username != null) {
      takes.add(buckets.take(keys.key("rl", "login", username), settings.loginPerUsername()));
    }
    Future.all(takes).onComplete(all -> {
      if (all.failed()) {
        LOG.warn("rate limiter unavailable, letting the request through: {}", all.cause().getMessage());
        ctx.next();
        return;
      }
      List<TokenBuckets.Decision> decisions = all.result().list();
      TokenBuckets.Decision tightest = decisions.stream()
          .min((a, b) -> a.allowed() != b.allowed() ? (a.allowed() ? 1 : -1) : Integer.compare(a.remaining(), b.remaining()))
          .orElseThrow();
      ctx.response()
          .putHeader("RateLimit-Limit", String.valueOf(tightest.limit()))
          .putHeader("RateLimit-Remaining", String.valueOf(tightest.remaining()))
          .putHeader("RateLimit-Reset", String.valueOf((tightest.resetMs() + 999) / 1000));
      if (decisions.stream().allMatch(TokenBuckets.Decision::allowed)) {
        ctx.next();
        return;
      }
      long retryMs = decisions.stream().filter(d -> !d.allowed()).mapToLong(TokenBuckets.Decision::retryAfterMs).max().orElse(1000);
      refusals.increment();
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds(retryMs)));
      ctx.fail(new StampedeException(ErrorCode.RATE_LIMITED, "too many requests; retry after the time in Retry-After"));
    });
  }

  private static String loginUsername(RoutingContext ctx) {
    try {
      Object name = ctx.body().asJsonObject().getValue("username");
      return name instanceof String s && s.length() <= 64 ? s.toLowerCase() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static long seconds(long millis) {
    return Math.max(1, (millis + 999) / 1000);
  }
}
