package io.stampede.platform.logging;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * A warning that repeats while something stays broken (a store that is away fails every request
 * and every background tick): logged at most once per interval, with how many occurrences it
 * stands for, so an outage says so without flooding the log.
 */
public final class RepeatedWarning {

  private static final long DEFAULT_INTERVAL_NANOS = 10_000_000_000L;

  private final Logger log;
  private final String message;
  private final long intervalNanos;
  private final LongSupplier clock;
  private final AtomicLong lastAt;
  private final AtomicLong suppressed = new AtomicLong();

  /** {@code message} is an SLF4J pattern; its arguments come with each {@link #warn}. */
  public RepeatedWarning(Logger log, String message) {
    this(log, message, DEFAULT_INTERVAL_NANOS, System::nanoTime);
  }

  RepeatedWarning(Logger log, String message, long intervalNanos, LongSupplier clock) {
    this.log = log;
    this.message = message + " ({} more since the last such warning)";
    this.intervalNanos = intervalNanos;
    this.clock = clock;
    this.lastAt = new AtomicLong(clock.getAsLong() - intervalNanos);
  }

  public void warn(Object... args) {
    long now = clock.getAsLong();
    long last = lastAt.get();
    if (now - last >= intervalNanos && lastAt.compareAndSet(last, now)) {
      Object[] withCount = new Object[args.length + 1];
      System.arraycopy(args, 0, withCount, 0, args.length);
      withCount[args.length] = suppressed.getAndSet(0);
      log.warn(message, withCount);
    } else {
      suppressed.incrementAndGet();
    }
  }
}
