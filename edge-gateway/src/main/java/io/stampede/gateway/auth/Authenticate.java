package io.stampede.gateway.auth;

import io.stampede.contracts.api.Caller;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Route handler: requires a valid, unrevoked bearer token and puts its {@link Caller} in the context. */
public final class Authenticate implements Handler<RoutingContext> {

  public static final String CALLER = "caller";
  private static final String BEARER = "Bearer ";

  private final AccessTokens tokens;
  private final RevokedTokens revoked;

  public Authenticate(AccessTokens tokens, RevokedTokens revoked) {
    this.tokens = tokens;
    this.revoked = revoked;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      ctx.fail(new StampedeException(ErrorCode.UNAUTHORIZED, "send Authorization: Bearer <accessToken>"));
      return;
    }
    tokens.verify(header.substring(BEARER.length()).trim()).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
      } else if (revoked.isRevoked(result.result().jti())) {
        ctx.fail(new StampedeException(ErrorCode.UNAUTHORIZED, "the access token was revoked"));
      } else {
        ctx.put(CALLER, result.result());
        ctx.next();
      }
    });
  }
}
