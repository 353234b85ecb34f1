package io.stampede.auth;

import java.util.List;

import io.stampede.auth.api.AuthApiVerticle;
import io.stampede.auth.grpc.AuthAuthorityEndpoint;
import io.stampede.auth.keys.KeyRing;
import io.stampede.auth.passwords.PasswordHasher;
import io.stampede.auth.revocation.TokenRevoker;
import io.stampede.auth.store.pg.PgRefreshTokenStore;
import io.stampede.auth.store.pg.PgSigningKeyStore;
import io.stampede.auth.store.pg.PgUserStore;
import io.stampede.auth.tokens.TokenIssuer;
import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.bus.Services;
import io.stampede.contracts.grpc.AuthAuthorityGrpcService;
import io.stampede.platform.grpc.UnaryCall;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.platform.service.ServiceContext;
import io.stampede.platform.service.ServiceModuleBase;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.grpc.server.Service;
import io.vertx.sqlclient.Pool;

/** The auth service: accounts, passwords, tokens and the keys that sign them. */
public final class AuthService extends ServiceModuleBase {

  /**
   * Password hashes and token signatures (an ES256 signature is 1-3 ms of CPU with the JDK's P-256
   * code) run here, never on an event loop; two threads keep sign-ins from starving everything else.
   */
  private static final int CRYPTO_WORKERS = 2;

  /** Verifies tokens for Introspect with the same keys, issuer and audience as the gateways. */
  private static JWTAuth verifier(ServiceContext context, AuthSettings settings, JsonObject jwks) {
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions().setIssuer(settings.issuer())
        .setAudience(List.of(settings.audience())));
    jwks.getJsonArray("keys").forEach(k -> options.addJwk((JsonObject) k));
    return JWTAuth.create(context.vertx(), options);
  }

  public AuthService() {
    super(Services.AUTH);
  }

  @Override
  protected Future<Void> startService(ServiceContext context) {
    AuthSettings settings = AuthSettings.from(context.config());
    Pool pool = PostgresSetup.pool(context.vertx(), context.config(), "auth");
    var refreshTokens = new PgRefreshTokenStore(pool);
    WorkerExecutor crypto = context.vertx().createSharedWorkerExecutor("auth-crypto", CRYPTO_WORKERS);
    var hasher = new PasswordHasher(crypto, settings.passwordIterations());
    var users = new PgUserStore(pool);
    return KeyRing.load(context.vertx(), new PgSigningKeyStore(pool), settings)
        // A member that starts with a new (rotated) key tells every gateway to reload the JWKS:
        // first before it signs anything (the other auth members answer the reload from the
        // shared store), again once it serves the JWKS itself (for when it is the only one).
        .onSuccess(keys -> announceKeys(context))
        .compose(keys -> context.vertx().deployVerticle(new AuthApiVerticle(users, refreshTokens, hasher,
            keys, new TokenIssuer(keys, refreshTokens, settings, crypto),
            new TokenRevoker(context.vertx(), context.redis(), context.redisKeys())))
            .compose(id -> keys.jwks())
            .compose(jwks -> context.grpc().serve(authority(new AuthAuthorityEndpoint(users,
                verifier(context, settings, jwks))))))
        .onSuccess(id -> announceKeys(context))
        .mapEmpty();
  }

  private static Service authority(AuthAuthorityEndpoint endpoint) {
    return Service.service(AuthAuthorityGrpcService.SERVICE_NAME, AuthAuthorityGrpcService.SERVICE_DESCRIPTOR)
        .bind(AuthAuthorityGrpcService.Introspect, UnaryCall.of(endpoint::introspect))
        .bind(AuthAuthorityGrpcService.Authorize, UnaryCall.of(endpoint::authorize))
        .build();
  }

  private static void announceKeys(ServiceContext context) {
    context.vertx().eventBus().publish(Addresses.AUTH_KEYS_CHANGED, null);
  }
}
