package io.stampede.platform.grpc;

import io.stampede.contracts.api.Caller;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.contracts.grpc.AuthAuthorityGrpcClient;
import io.stampede.contracts.grpc.AuthAuthorityGrpcService;
import io.stampede.contracts.grpc.AuthorizeRequest;
import io.vertx.core.Future;

/** Asks the auth service (gRPC {@code AuthAuthority.Authorize}) whether a caller may act as a creator. */
public final class CreatorAuthorization {

  private final InternalGrpc grpc;

  public CreatorAuthorization(InternalGrpc grpc) {
    this.grpc = grpc;
  }

  /** Succeeds when allowed; fails with {@code FORBIDDEN} (or {@code UNAVAILABLE} when auth cannot be asked). */
  public Future<Void> require(Caller caller, String action, String creatorId) {
    AuthorizeRequest request = AuthorizeRequest.newBuilder().setSubject(caller.userId()).setAction(action)
        .setResourceOwnerId(creatorId).build();
    return grpc.locate(AuthAuthorityGrpcService.SERVICE_NAME)
        .compose(address -> AuthAuthorityGrpcClient.create(grpc.client(), address).authorize(request))
        .recover(e -> Future.failedFuture(e instanceof StampedeException ? e
            : new StampedeException(ErrorCode.UNAVAILABLE, "authorization is not available right now")))
        .compose(reply -> reply.getAllowed() ? Future.<Void>succeededFuture()
            : Future.failedFuture(new StampedeException(ErrorCode.FORBIDDEN, reply.getReason())));
  }
}
