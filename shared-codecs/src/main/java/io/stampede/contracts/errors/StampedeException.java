package io.stampede.contracts.errors;

import io.stampede.contracts.bus.MemberLeaving;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/** A domain failure with a stable public code; the one failure handler turns it into problem+json. */
public class StampedeException extends RuntimeException {

  private final ErrorCode code;

  public StampedeException(ErrorCode code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public String detail() {
    return getMessage();
  }

  /** How a service answers a bus request with this failure. */
  public ReplyException toReplyException() {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code.wireCode(), detail());
  }

  /**
   * What a failed bus request means to the caller: the domain error the service sent, or
   * {@code UNAVAILABLE} when nobody answered (no handler, timeout) — never a raw exception.
   */
  public static StampedeException fromBusFailure(Throwable failure) {
    if (failure instanceof StampedeException se) {
      return se;
    }
    if (failure instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.RECIPIENT_FAILURE && ErrorCode.isWireCode(re.failureCode())) {
        return new StampedeException(ErrorCode.fromWireCode(re.failureCode()), re.getMessage());
      }
      if (re.failureType() == ReplyFailure.NO_HANDLERS || re.failureType() == ReplyFailure.TIMEOUT
          || MemberLeaving.is(re)) {
        return new StampedeException(ErrorCode.UNAVAILABLE, "the service did not answer in time");
      }
    }
    return new StampedeException(ErrorCode.INTERNAL, "unexpected failure");
  }
}
