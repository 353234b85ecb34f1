package io.stampede.gateway.auth;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.api.Caller;
import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies access tokens locally with the auth service's public keys (ES256, matched by
 * {@code kid}; issuer, audience and expiry checked; unsigned tokens refused). The keys come from
 * the auth service over the bus at start, again when it announces new keys, and again (at most
 * every few seconds) when a token names a key this gateway does not know yet. A token verified
 * once is remembered until it expires ({@link VerifiedTokens}).
 */
public final class AccessTokens {

  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
  private static final long RELOAD_INTERVAL_MS = 5000;
  private static final long KEYS_TIMEOUT_MS = 2000;
  private static final int VERIFIED_CAPACITY = 100_000;

  private final Vertx vertx;
  private final String issuer;
  private final String audience;
  private final AtomicReference<JWTAuth> verifier = new AtomicReference<>();
  private final AtomicLong lastReload = new AtomicLong();
  private final AtomicReference<Future<Void>> reloading = new AtomicReference<>();
  private final AtomicReference<JsonObject> lastKeys = new AtomicReference<>();
  private final VerifiedTokens verified = new VerifiedTokens(VERIFIED_CAPACITY,
      () -> System.currentTimeMillis() / 1000);

  public AccessTokens(Vertx vertx, String issuer, String audience) {
    this.vertx = vertx;
    this.issuer = issuer;
    this.audience = audience;
  }

  /** Loads the keys and follows key changes; a missing auth service is retried on first use. */
  public Future<Void> start() {
    vertx.eventBus().consumer(Addresses.AUTH_KEYS_CHANGED, msg -> reload());
    return reload().otherwiseEmpty();
  }

  /**
   * Fetches the keys again. Reloads are single-flight: a caller arriving while one is under way
   * (after a key-change announcement, say) shares it rather than starting another.
   */
  public Future<Void> reload() {
    Future<Void> running = reloading.get();
    if (running != null) {
      return running;
    }
    Promise<Void> promise = Promise.promise();
    if (!reloading.compareAndSet(null, promise.future())) {
      return reload();
    }
    lastReload.set(System.currentTimeMillis());
    fetchKeys().onComplete(result -> {
      reloading.set(null);
      promise.handle(result);
    });
    return promise.future();
  }

  private Future<Void> fetchKeys() {
    return vertx.eventBus().<JsonObject>request(Addresses.AUTH_KEYS_GET, ApiRequest.of(null, null).toJson(),
            new DeliveryOptions().setSendTimeout(KEYS_TIMEOUT_MS))
        .map(msg -> {
          JsonObject jwks = (JsonObject) ApiReply.fromJson(msg.body()).body();
          JWTAuthOptions options = new JWTAuthOptions()
              .setJWTOptions(new JWTOptions().setIssuer(issuer).setAudience(List.of(audience)));
          jwks.getJsonArray("keys").forEach(k -> options.addJwk((JsonObject) k));
          verifier.set(JWTAuth.create(vertx, options));
          if (!jwks.equals(lastKeys.getAndSet(jwks))) {
            verified.clear();
          }
          return (Void) null;
        })
        .onFailure(AccessTokens::logFailedLoad);
  }

  /** No auth member yet is normal while a cluster starts; anything else is worth a warning. */
  private static void logFailedLoad(Throwable e) {
    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
      LOG.debug("no auth member serves the token keys yet");
    } else {
      LOG.warn("could not load token keys from the auth service: {}", e.getMessage());
    }
  }

  /** Tokens verified and remembered until they expire: how warm this gateway is before a drop. */
  public int remembered() {
    return verified.size();
  }

  /**
   * Remembers a token the auth service has just issued, as the gateway hands it to the fan, so the
   * fan's first request finds it verified. Its claims are read without checking its signature: it
   * came over the cluster's own bus, in the answer of the service that signed it, and whoever could
   * forge that answer could forge any. (Checking it cost an ES256 verification per sign-in, as much
   * CPU as the signing itself: together half of the member's CPU while 100 fans a second signed
   * in, perf/RESULTS.md.) A token whose claims cannot be read is simply verified on first use.
   */
  public void rememberIssued(String token) {
    issuedCaller(token).ifPresent(caller -> verified.put(token, caller));
  }

  /** The caller named by the claims (the middle part) of a compact JWT, if they name one with an expiry. */
  static Optional<Caller> issuedCaller(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      JsonObject claims = new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(parts[1])));
      Long exp = claims.getLong("exp");
      String sub = claims.getString("sub");
      return exp == null || exp <= 0 || sub == null ? Optional.empty()
          : Optional.of(new Caller(sub, claims.getString("role"), claims.getString("jti"), exp));
    } catch (IllegalArgumentException | ClassCastException | DecodeException e) {
      return Optional.empty();
    }
  }

  /** The caller a token names, or a failed future with {@code UNAUTHORIZED} (or {@code UNAVAILABLE} with no keys). */
  public Future<Caller> verify(String token) {
    Caller known = verified.get(token);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    JWTAuth current = verifier.get();
    if (current == null) {
      return reload().transform(ignored -> verifier.get() == null
          ? Future.failedFuture(new StampedeException(ErrorCode.UNAVAILABLE, "token keys are not available yet"))
          : verify(token));
    }
    return current.authenticate(new TokenCredentials(token))
        .recover(e -> maybeReloadAndRetry(current, token, e))
        .map(AccessTokens::caller)
        .onSuccess(caller -> verified.put(token, caller));
  }

  /** vertx-auth-jwt moves {@code exp} from the principal to the user's attributes. */
  private static Caller caller(User user) {
    JsonObject p = user.principal();
    Long exp = user.attributes().getLong("exp");
    if (exp == null || exp <= 0) {
      throw new StampedeException(ErrorCode.UNAUTHORIZED, "the access token has no expiry");
    }
    return new Caller(p.getString("sub"), p.getString("role"), p.getString("jti"), exp);
  }

  /**
   * A token that failed may carry a key this gateway has not loaded yet: retry it against keys
   * from a reload already under way, or from a fresh one if the last was long enough ago (the
   * interval keeps forged tokens from turning into a reload per request).
   */
  private Future<User> maybeReloadAndRetry(JWTAuth used, String token, Throwable cause) {
    Future<Void> running = reloading.get();
    boolean mayReload = System.currentTimeMillis() - lastReload.get() > RELOAD_INTERVAL_MS;
    if (running == null && !mayReload) {
      return Future.failedFuture(unauthorized());
    }
    Future<Void> keys = running != null ? running : reload();
    return keys.transform(ignored -> {
      JWTAuth fresh = verifier.get();
      return fresh == used ? Future.failedFuture(unauthorized())
          : fresh.authenticate(new TokenCredentials(token)).recover(e -> Future.failedFuture(unauthorized()));
    });
  }

  private static StampedeException unauthorized() {
    return new StampedeException(ErrorCode.UNAUTHORIZED, "the access token is missing, invalid, expired or revoked");
  }
}
