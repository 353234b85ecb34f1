package io.stampede.users.webhooks;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: exponential from one second, doubling per attempt, capped
 * at an hour, each wait scaled by a random factor in [0.5, 1) so receivers that failed together do
 * not get retried together. Deliveries are given up after three days (the contract asks for at
 * least 24 hours of retries).
 */
final class Backoff {

  static final Duration GIVE_UP_AFTER = Duration.ofDays(3);
  private static final long BASE_MS = 1000;
  private static final long CAP_MS = Duration.ofHours(1).toMillis();

  private final DoubleSupplier random;

  Backoff(DoubleSupplier random) {
    this.random = random;
  }

  /** The wait after the {@code attempts}-th failed attempt (1 = the first). */
  Duration after(int attempts) {
    long exponential = BASE_MS << Math.min(attempts - 1, 30);
    long capped = Math.min(CAP_MS, exponential);
    return Duration.ofMillis((long) (capped * (0.5 + random.getAsDouble() / 2)));
  }
}
