package io.stampede.contracts.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * The answer of a member that is leaving to a request it did not start: nothing was done, so the
 * sender may send it again and the cluster will route it to a member that stays.
 */
public final class MemberLeaving {

  /** A bus failure code outside {@code ErrorCode}'s range. */
  public static final int FAILURE_CODE = 4999;
  public static final String MESSAGE = "this member is leaving; send the request again";

  private MemberLeaving() {
  }

  public static boolean is(Throwable failure) {
    return failure instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && re.failureCode() == FAILURE_CODE;
  }
}
