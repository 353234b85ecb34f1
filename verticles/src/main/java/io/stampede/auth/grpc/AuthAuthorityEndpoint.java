package io.stampede.auth.grpc;

import io.stampede.auth.store.UserStore;
import io.stampede.contracts.grpc.AuthAuthorityService;
import io.stampede.contracts.grpc.AuthorizeReply;
import io.stampede.contracts.grpc.AuthorizeRequest;
import io.stampede.contracts.grpc.IntrospectReply;
import io.stampede.contracts.grpc.IntrospectRequest;
import io.vertx.core.Future;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;

/**
 * Serves {@code AuthAuthority}: whether a subject may perform a creator action on a creator's
 * resources (only that creator, and only while their account is a creator account), and what an
 * access token says.
 */
public final class AuthAuthorityEndpoint extends AuthAuthorityService {

  private final UserStore users;
  private final JWTAuth verifier;

  public AuthAuthorityEndpoint(UserStore users, JWTAuth verifier) {
    this.users = users;
    this.verifier = verifier;
  }

  @Override
  public Future<AuthorizeReply> authorize(AuthorizeRequest request) {
    if (!request.getSubject().equals(request.getResourceOwnerId())) {
      return Future.succeededFuture(deny("only the creator may " + request.getAction() + " here"));
    }
    return users.byId(request.getSubject()).map(account -> account.isPresent() && "creator".equals(account.get().role())
        ? AuthorizeReply.newBuilder().setAllowed(true).build()
        : deny("only creators may " + request.getAction()));
  }

  @Override
  public Future<IntrospectReply> introspect(IntrospectRequest request) {
    return verifier.authenticate(new TokenCredentials(request.getToken()))
        .map(user -> IntrospectReply.newBuilder().setActive(true).setSubject(user.principal().getString("sub"))
            .setRole(user.principal().getString("role", "")).setJti(user.principal().getString("jti", ""))
            .setExpiresAtEpochSeconds(user.attributes().getLong("exp", 0L)).build())
        .otherwise(IntrospectReply.newBuilder().setActive(false).build());
  }

  private static AuthorizeReply deny(String reason) {
    return AuthorizeReply.newBuilder().setAllowed(false).setReason(reason).build();
  }
}
