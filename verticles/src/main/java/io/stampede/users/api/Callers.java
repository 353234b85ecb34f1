package io.stampede.users.api;

import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.api.Caller;
import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;

/** Who may do what to a user's resources: the signed-in caller, and "only the user themself". */
public final class Callers {

  private Callers() {
  }

  public static Caller signedIn(ApiRequest request) {
    if (request.caller() == null) {
      throw new StampedeException(ErrorCode.UNAUTHORIZED, "sign in first");
    }
    return request.caller();
  }

  /** The caller, when they are the user the path names; 403 otherwise. */
  public static Caller self(ApiRequest request, String what) {
    Caller caller = signedIn(request);
    if (!caller.userId().equals(request.param("id"))) {
      throw new StampedeException(ErrorCode.FORBIDDEN, "only the user themself may " + what);
    }
    return caller;
  }
}
