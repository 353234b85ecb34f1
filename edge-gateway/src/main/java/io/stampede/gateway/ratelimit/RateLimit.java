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
import io.stampede.gateway.routing.ServiceRoute.RateClass;
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

  private final RateClass rateClass;
  private final boolean limitsLoginUsername;
  private final RateLimitSettings settings;
  private final TokenBuckets buckets;
  private final RedisKeys keys;
  private final Counter refusals;

  /** For a public route: its class, and the per-username bucket on login. */
  public RateLimit(ServiceRoute route, RateLimitSettings settings, TokenBuckets buckets, RedisKeys keys, MeterRegistry meters) {
    this(route.rateClass(), route.path().equals("/auth/login"), settings, buckets, keys, meters);
  }

  /** For everything else that answers (unknown paths, wrong methods): the reads class, per IP. */
  public static RateLimit forOtherRequests(RateLimitSettings settings, TokenBuckets buckets, RedisKeys keys,
                                           MeterRegistry meters) {
    return new RateLimit(RateClass.READS, false, settings, buckets, keys, meters);
  }

  private RateLimit(RateClass rateClass, boolean limitsLoginUsername, RateLimitSettings settings, TokenBuckets buckets,
                    RedisKeys keys, MeterRegistry meters) {
    this.rateClass = rateClass;
    this.limitsLoginUsername = limitsLoginUsername;
    this.settings = settings;
    this.buckets = buckets;
    this.keys = keys;
    this.refusals = Counter.builder("stampede.ratelimit.refusals").tag("class", rateClass.id())
        .description("requests refused with 429").register(meters);
  }

  @Override
  public void handle(RoutingContext ctx) {
    apply(ctx).onSuccess(v -> ctx.next()).onFailure(ctx::fail);
  }

  /**
   * Spends the tokens and writes the {@code RateLimit-*} headers; fails with {@code RATE_LIMITED}
   * (and {@code Retry-After} set) when a bucket is empty.
   */
  public Future<Void> apply(RoutingContext ctx) {
    String cls = rateClass.id();
    List<TokenBuckets.Take> takes = new ArrayList<>(3);
    String ip = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    takes.add(new TokenBuckets.Take(keys.key("rl", cls, "ip", ip), settings.perIp().get(rateClass)));
    Caller caller = ctx.get(Authenticate.CALLER);
    if (caller != null) {
      takes.add(new TokenBuckets.Take(keys.key("rl", cls, "user", caller.userId()), settings.perUser().get(rateClass)));
    }
    String username = limitsLoginUsername ? loginUsername(ctx) : null;
    if (username != null) {
      takes.add(new TokenBuckets.Take(keys.key("rl", "login", username), settings.loginPerUsername()));
    }
    return buckets.take(takes).transform(all -> {
      if (all.failed()) {
        LOG.warn("rate limiter unavailable, letting the request through: {}", all.cause().getMessage());
        return Future.succeededFuture();
      }
      List<TokenBuckets.Decision> decisions = all.result();
      TokenBuckets.Decision tightest = decisions.stream()
          .min((a, b) -> a.allowed() != b.allowed() ? (a.allowed() ? 1 : -1) : Integer.compare(a.remaining(), b.remaining()))
          .orElseThrow();
      ctx.response()
          .putHeader("RateLimit-Limit", String.valueOf(tightest.limit()))
          .putHeader("RateLimit-Remaining", String.valueOf(tightest.remaining()))
          .putHeader("RateLimit-Reset", String.valueOf((tightest.resetMs() + 999) / 1000));
      if (decisions.stream().allMatch(TokenBuckets.Decision::allowed)) {
        return Future.succeededFuture();
      }
      long retryMs = decisions.stream().filter(d -> !d.allowed()).mapToLong(TokenBuckets.Decision::retryAfterMs).max().orElse(1000);
      refusals.increment();
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds(retryMs)));
      return Future.failedFuture(new StampedeException(ErrorCode.RATE_LIMITED,
          "too many requests; retry after the time in Retry-After"));
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
