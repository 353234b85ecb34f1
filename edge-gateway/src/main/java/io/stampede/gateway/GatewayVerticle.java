package io.stampede.gateway;

import java.util.concurrent.TimeUnit;

import io.stampede.contracts.errors.StampedeException;
import io.stampede.gateway.auth.Authenticate;
import io.stampede.gateway.ratelimit.RateLimit;
import io.stampede.gateway.realtime.SockJsBridge;
import io.stampede.gateway.realtime.WebSocketEndpoint;
import io.stampede.gateway.routing.Forward;
import io.stampede.gateway.routing.PublicRoutes;
import io.stampede.gateway.routing.ServiceRoute;
import io.stampede.gateway.routing.UnansweredRequests;
import io.stampede.gateway.routing.ValidateRequest;
import io.stampede.gateway.tls.FlushLeftoverWrites;
import io.stampede.gateway.tls.StalledConnections;
import io.stampede.platform.http.OpsRoutes;
import io.stampede.platform.http.Problems;
import io.stampede.platform.http.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * One instance of the public HTTP edge; the gateway service runs one per event loop on a shared
 * port. Speaks HTTP/1.1 and cleartext HTTP/2 (prior knowledge and upgrade) on one port, and
 * HTTP/2 (ALPN) and HTTP/1.1 over TLS on the other.
 * Every request gets an id; bodies are capped at 64 KiB; every failure is problem+json.
 */
public class GatewayVerticle extends VerticleBase {

  static final int BODY_LIMIT_BYTES = 64 * 1024;
  /**
   * Smaller answers go out as they are, even to a client that accepts gzip: an order, a status or
   * a problem is a few hundred bytes, gzip saves a few dozen of them, and a compressor made for
   * each answer costs the event loop more than the bytes do.
   */
  static final int COMPRESSION_MIN_BYTES = 1024;
  /** A request still open this many service timeouts after it arrived is reported as stuck. */
  private static final int UNANSWERED_AFTER_TIMEOUTS = 3;
  /** How often the two watchdogs (unanswered requests, stalled connections) look. */
  private static final long WATCHDOG_CHECK_MS = 10_000;
  /** A TLS connection that could send nothing for this long is reported as stalled. */
  private static final long STALLED_AFTER_MS = 10_000;

  private final GatewaySettings settings;
  private final GatewayDependencies deps;
  private HttpServer server;
  private HttpServer tlsServer;
  private WebSocketEndpoint sockets;
  private UnansweredRequests unanswered;
  private StalledConnections stalled;
  private long watchdogCheck;

  public GatewayVerticle(GatewaySettings settings, GatewayDependencies deps) {
    this.settings = settings;
    this.deps = deps;
  }

  @Override
  public Future<?> start() {
    sockets = new WebSocketEndpoint(vertx, deps.accessTokens(), deps.revokedTokens(), deps.realtime(),
        deps.realtimeMetrics());
    sockets.start();
    unanswered = new UnansweredRequests(UNANSWERED_AFTER_TIMEOUTS * settings.requestTimeoutMs(), System::nanoTime);
    stalled = new StalledConnections(STALLED_AFTER_MS, System::nanoTime);
    watchdogCheck = vertx.setPeriodic(WATCHDOG_CHECK_MS, id -> {
      unanswered.check();
      stalled.check();
    });
    Router router = router();
    server = vertx.createHttpServer(serverOptions()
        .setPort(settings.port())
        .setHttp2ClearTextEnabled(true));
    Future<HttpServer> plain = server.connectionHandler(connection -> {
      if (deps.connections().admit(connection)) {
        ConsolidatedFlushes.install(connection);
      }
    }).requestHandler(router).listen();
    if (deps.tls() == null) {
      return plain;
    }
    tlsServer = vertx.createHttpServer(deps.tls().applyTo(serverOptions().setPort(settings.tlsPort())));
    return Future.all(plain, tlsServer.connectionHandler(connection -> {
      FlushLeftoverWrites.install(connection);
      stalled.track(connection);
      deps.connections().admit(connection);
    }).requestHandler(router).listen());
  }

  /** What both ports share: the address, compression, and how many requests an HTTP/2 connection may carry at once. */
  private HttpServerOptions serverOptions() {
    return new HttpServerOptions()
        .setHost(settings.host())
        .setCompressionSupported(true)
        .setCompressionContentSizeThreshold(COMPRESSION_MIN_BYTES)
        .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(settings.h2MaxStreams()));
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(ConnectionLimit::turnAwayRefused);
    router.route().handler(RequestIds::handle);
    // Real time first: sockets need no body handling, and SockJS reads its own bodies.
    router.get("/ws").handler(sockets);
    router.route("/eventbus/*").subRouter(SockJsBridge.router(vertx, deps.accessTokens(), deps.revokedTokens(),
        deps.realtime(), deps.realtimeMetrics()));
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
    OpsRoutes.mount(router, deps.health(), deps.metrics());
    router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("content-type", "application/yaml")
        .end(deps.api().document()));
    Authenticate authenticate = new Authenticate(deps.accessTokens(), deps.revokedTokens());
    for (ServiceRoute r : PublicRoutes.ALL) {
      Route route = router.route(r.method(), r.path()).handler(unanswered);
      if (r.access() == ServiceRoute.Access.SIGNED_IN) {
        route.handler(authenticate);
      }
      if (deps.rateLimits().enabled()) {
        route.handler(new RateLimit(r, deps.rateLimits(), deps.buckets(), deps.redisKeys(), deps.metrics().registry()));
      }
      route.handler(new ValidateRequest(r, deps.api().contract()));
      route.handler(new Forward(r, deps.services(), deps.revokedTokens(), deps.accessTokens()));
    }
    router.route().failureHandler(Problems::handleFailure);
    for (int status : new int[] {413, 500}) {
      router.errorHandler(status, Problems::handleFailure);
    }
    // Unknown paths and wrong methods are answers too: they spend like reads and say so.
    RateLimit others = deps.rateLimits().enabled() ? RateLimit.forOtherRequests(deps.rateLimits(), deps.buckets(),
        deps.redisKeys(), deps.metrics().registry()) : null;
    for (int status : new int[] {404, 405}) {
      router.errorHandler(status, ctx -> {
        if (others == null) {
          Problems.handleFailure(ctx);
          return;
        }
        others.apply(ctx).onComplete(spent -> {
          if (spent.failed() && spent.cause() instanceof StampedeException limited) {
            Problems.send(ctx, limited.code(), limited.detail());
          } else {
            Problems.handleFailure(ctx);
          }
        });
      });
    }
    return router;
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** The TLS port actually bound, or -1 when TLS is off. */
  public int actualTlsPort() {
    return tlsServer == null ? -1 : tlsServer.actualPort();
  }

  /** Stops accepting at once; requests in flight get up to the drain time to finish. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(watchdogCheck);
    sockets.stop();
    Future<Void> plain = server.shutdown(settings.drainSeconds(), TimeUnit.SECONDS);
    return tlsServer == null ? plain : Future.all(plain, tlsServer.shutdown(settings.drainSeconds(), TimeUnit.SECONDS));
  }
}
