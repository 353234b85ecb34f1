package io.stampede.contracts.bus;

import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * When the sender of a bus request stops waiting for its answer, carried in a header (epoch
 * milliseconds). A service that takes a request out of its queue after that moment skips it: the
 * caller has answered its client 503 already, and the client retries (with the same
 * Idempotency-Key, for an order), so the work would only slow the requests still waited for.
 * Under a burst that is what lets a saturated service catch up instead of serving the dead.
 */
public final class RequestDeadline {

  public static final String HEADER = "deadline";
  /** Allowance for clocks of different members that disagree a little. */
  static final long CLOCK_ALLOWANCE_MS = 250;

  private RequestDeadline() {
  }

  /** Delivery options for a request the sender waits {@code timeoutMs} for, from {@code nowMs}. */
  public static DeliveryOptions options(long timeoutMs, long nowMs) {
    return new DeliveryOptions().setSendTimeout(timeoutMs).addHeader(HEADER, Long.toString(nowMs + timeoutMs));
  }

  /** Whether the sender has given up on a request with these headers (false when it named no deadline). */
  public static boolean passed(MultiMap headers, long nowMs) {
    String deadline = headers == null ? null : headers.get(HEADER);
    if (deadline == null) {
      return false;
    }
    try {
      return nowMs > Long.parseLong(deadline) + CLOCK_ALLOWANCE_MS;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
