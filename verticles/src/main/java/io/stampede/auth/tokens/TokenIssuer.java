package io.stampede.auth.tokens;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.stampede.auth.AuthSettings;
import io.stampede.auth.keys.KeyRing;
import io.stampede.auth.passwords.PasswordHasher;
import io.stampede.auth.store.RefreshTokenStore;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;

/** Issues the {@code Tokens} of API.md: a short-lived ES256 access token and an opaque refresh token. */
public final class TokenIssuer {

  private static final int REFRESH_TOKEN_BYTES = 32;

  private final KeyRing keys;
  private final RefreshTokenStore refreshTokens;
  private final AuthSettings settings;
  private final WorkerExecutor signers;
  private final SecureRandom random = new SecureRandom();

  /** {@code signers}: where access tokens are signed, off the event loop (see AuthService). */
  public TokenIssuer(KeyRing keys, RefreshTokenStore refreshTokens, AuthSettings settings, WorkerExecutor signers) {
    this.keys = keys;
    this.refreshTokens = refreshTokens;
    this.settings = settings;
    this.signers = signers;
  }

  /** Tokens for a new login: a new refresh-token family. */
  public Future<JsonObject> issue(String userId, String role) {
    return issueInFamily(userId, role, UUID.randomUUID().toString());
  }

  /** Tokens that continue a family (a refresh). */
  public Future<JsonObject> issueInFamily(String userId, String role, String familyId) {
    String refreshToken = newRefreshToken();
    Instant refreshExpiry = Instant.now().plus(settings.refreshTtl());
    JWTAuth signer = keys.signer();
    Future<String> signed = signers.executeBlocking(() -> signer.generateToken(
        new JsonObject().put("sub", userId).put("role", role).put("jti", UUID.randomUUID().toString()),
        new JWTOptions().setAlgorithm("ES256")
            .setExpiresInSeconds((int) settings.accessTtl().toSeconds())
            .setIssuer(settings.issuer())
            .setAudience(List.of(settings.audience()))), false);
    return Future.all(signed, refreshTokens.add(PasswordHasher.sha256(refreshToken), familyId, userId, refreshExpiry))
        .map(both -> new JsonObject()
            .put("accessToken", signed.result())
            .put("tokenType", "Bearer")
            .put("expiresIn", settings.accessTtl().toSeconds())
            .put("refreshToken", refreshToken)
            .put("refreshExpiresIn", settings.refreshTtl().toSeconds())
            .put("userId", userId));
  }

  private String newRefreshToken() {
    byte[] bytes = new byte[REFRESH_TOKEN_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
