package io.stampede.auth.api;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import io.stampede.auth.keys.KeyRing;
import io.stampede.auth.passwords.PasswordHasher;
import io.stampede.auth.revocation.TokenRevoker;
import io.stampede.auth.store.RefreshTokenStore;
import io.stampede.auth.store.UserStore;
import io.stampede.auth.store.UserStore.Account;
import io.stampede.auth.tokens.TokenIssuer;
import io.stampede.contracts.Ids;
import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.bus.Addresses;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.platform.api.ApiConsumers;
import io.stampede.platform.api.Inputs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/** Register, login, refresh, logout and the JWKS, served on the event bus for the gateway. */
public class AuthApiVerticle extends VerticleBase {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9_]{3,32}");
  private static final StampedeException BAD_CREDENTIALS =
      new StampedeException(ErrorCode.UNAUTHORIZED, "invalid username or password");
  private static final StampedeException BAD_REFRESH =
      new StampedeException(ErrorCode.UNAUTHORIZED, "the refresh token is invalid, expired or already used");

  private final UserStore users;
  private final RefreshTokenStore refreshTokens;
  private final PasswordHasher passwords;
  private final KeyRing keys;
  private final TokenIssuer tokens;
  private final TokenRevoker revoker;

  public AuthApiVerticle(UserStore users, RefreshTokenStore refreshTokens, PasswordHasher passwords, KeyRing keys,
                         TokenIssuer tokens, TokenRevoker revoker) {
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.passwords = passwords;
    this.keys = keys;
    this.tokens = tokens;
    this.revoker = revoker;
  }

  @Override
  public Future<?> start() {
    return Future.all(List.of(
        ApiConsumers.register(vertx, Addresses.AUTH_REGISTER, this::register),
        ApiConsumers.register(vertx, Addresses.AUTH_LOGIN, this::login),
        ApiConsumers.register(vertx, Addresses.AUTH_REFRESH, this::refresh),
        ApiConsumers.register(vertx, Addresses.AUTH_LOGOUT, this::logout),
        ApiConsumers.register(vertx, Addresses.AUTH_KEYS_GET, req -> keys.jwks().map(ApiReply::ok))));
  }

  private Future<ApiReply> register(ApiRequest request) {
    JsonObject body = request.body();
    String username = Inputs.matching(body, "username", USERNAME, "3 to 32 of a-z, 0-9 and _");
    String password = Inputs.string(body, "password", 8, 128);
    String displayName = Inputs.string(body, "displayName", 1, 64);
    String role = Inputs.oneOf(body, "role", List.of("fan", "creator"));
    return passwords.hash(password)
        .compose(hash -> users.create(new Account(Ids.newId(), username, hash, displayName, "", role, Instant.now())))
        .map(account -> ApiReply.created(UserJson.of(account)));
  }

  private Future<ApiReply> login(ApiRequest request) {
    JsonObject body = request.body();
    if (!(body.getValue("username") instanceof String username) || !(body.getValue("password") instanceof String password)) {
      return Future.failedFuture(Inputs.invalid("username and password are required strings"));
    }
    return users.byUsername(username).compose(found -> passwords
        .verify(password, found.map(Account::passwordHash).orElse(null))
        .compose(ok -> ok ? tokens.issue(found.get().id(), found.get().role()) : Future.failedFuture(BAD_CREDENTIALS)))
        .map(ApiReply::ok);
  }

  private Future<ApiReply> refresh(ApiRequest request) {
    if (!(request.body().getValue("refreshToken") instanceof String token) || token.length() > 512) {
      return Future.failedFuture(Inputs.invalid("refreshToken is required"));
    }
    return refreshTokens.spend(PasswordHasher.sha256(token)).compose(spend -> switch (spend.outcome()) {
      case SPENT -> users.byId(spend.userId()).compose(account -> account.isPresent()
          ? tokens.issueInFamily(account.get().id(), account.get().role(), spend.familyId())
          : Future.failedFuture(BAD_REFRESH));
      case REUSED, INVALID -> Future.failedFuture(BAD_REFRESH);
    }).map(ApiReply::ok);
  }

  private Future<ApiReply> logout(ApiRequest request) {
    if (request.caller() == null) {
      return Future.failedFuture(new StampedeException(ErrorCode.UNAUTHORIZED, "sign in first"));
    }
    Object refreshToken = request.body().getValue("refreshToken");
    Future<Void> family = refreshToken instanceof String token
        ? refreshTokens.revokeFamilyOf(PasswordHasher.sha256(token), request.caller().userId())
        : Future.succeededFuture();
    return family.compose(v -> revoker.revoke(request.caller())).map(v -> ApiReply.noContent());
  }
}
