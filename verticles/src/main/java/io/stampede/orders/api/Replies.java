package io.stampede.orders.api;

import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.api.Caller;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.Future;

/** Small helpers the order handlers share. */
final class Replies {

  private Replies() {
  }

  static Caller signedIn(ApiRequest request) {
    if (request.caller() == null) {
      throw new StampedeException(ErrorCode.UNAUTHORIZED, "sign in first");
    }
    return request.caller();
  }

  static <T> Future<T> fail(ErrorCode code, String detail) {
    return Future.failedFuture(new StampedeException(code, detail));
  }
}
