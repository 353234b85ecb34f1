package io.stampede.gateway;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.micrometer.core.instrument.Gauge;
import io.stampede.contracts.bus.Services;
import io.stampede.gateway.auth.AccessTokens;
import io.stampede.gateway.auth.RevokedTokens;
import io.stampede.gateway.ratelimit.RateLimitSettings;
import io.stampede.gateway.ratelimit.TokenBuckets;
import io.stampede.gateway.realtime.RealtimeMetrics;
import io.stampede.gateway.realtime.RealtimeSettings;
import io.stampede.gateway.realtime.UserNoticeRelay;
import io.stampede.gateway.routing.ApiContract;
import io.stampede.gateway.routing.ServiceClient;
import io.stampede.gateway.tls.TlsSetup;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.infra.RedisSetup;
import io.stampede.platform.service.ServiceContext;
import io.stampede.platform.service.ServiceModuleBase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;

/**
 * Deploys the member's {@link UserNoticeRelay}, then the gateway verticles as one deployment of
 * {@code http.instances} instances, so they share one port, also when the configured port is 0.
 */
public final class GatewayService extends ServiceModuleBase {

  private final Queue<GatewayVerticle> instances = new ConcurrentLinkedQueue<>();
  private ServiceContext context;
  private String deploymentId;
  private String relayDeploymentId;
  private TlsSetup tls;

  public GatewayService() {
    super(Services.GATEWAY);
  }

  @Override
  protected Future<Void> startService(ServiceContext context) {
    this.context = context;
    GatewaySettings settings = GatewaySettings.from(context.config());
    var accessTokens = new AccessTokens(context.vertx(), context.config().get(ConfigKeys.AUTH_ISSUER),
        context.config().get(ConfigKeys.AUTH_AUDIENCE));
    Gauge.builder("stampede.auth.tokens.verified", accessTokens, AccessTokens::remembered)
        .description("access tokens this gateway verified and remembers until they expire").register(context.metrics().registry());
    var revoked = new RevokedTokens(context.vertx(), context.redis(), context.redisKeys());
    tls = settings.tlsEnabled()
        ? TlsSetup.of(settings.tlsEngine(), settings.tlsCertFile(), settings.tlsKeyFile()) : null;
    return Future.all(accessTokens.start(), revoked.start())
        .compose(ready -> ApiContract.load(context.vertx()))
        .map(api -> new GatewayDependencies(context.health(), context.metrics(), accessTokens, revoked,
            new ServiceClient(context.vertx(), settings.requestTimeoutMs(), settings.breakerResetMs()),
            RateLimitSettings.from(context.config()), new TokenBuckets(context.redis(), RedisSetup.isCluster(context.config())), context.redisKeys(),
            tls, api, RealtimeSettings.from(context.config()), new RealtimeMetrics(context.metrics().registry()),
            ConnectionLimit.of(context.config().get(ConfigKeys.HTTP_MAX_CONNECTIONS), context.metrics().registry())))
        .compose(deps -> context.vertx().deployVerticle(new UserNoticeRelay()).map(relay -> {
          relayDeploymentId = relay;
          return deps;
        }))
        .compose(deps -> context.vertx().deployVerticle(() -> {
          GatewayVerticle verticle = new GatewayVerticle(settings, deps);
          instances.add(verticle);
          return verticle;
        }, new DeploymentOptions().setInstances(settings.instances())))
        .onSuccess(id -> deploymentId = id)
        .mapEmpty();
  }

  public int port() {
    return instances.element().actualPort();
  }

  public int tlsPort() {
    return instances.element().actualTlsPort();
  }

  /** How the TLS port encrypts (all instances share it), or null when it is off. */
  public TlsSetup tls() {
    return tls;
  }

  /** Stops accepting connections and lets requests in flight finish (bounded by the drain time). */
  public Future<Void> drain() {
    Future<Void> http = deploymentId == null ? Future.succeededFuture() : context.vertx().undeploy(deploymentId);
    return http.compose(closed -> relayDeploymentId == null ? Future.succeededFuture()
        : context.vertx().undeploy(relayDeploymentId));
  }
}
