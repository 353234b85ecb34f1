package io.stampede.orders.rehearsal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What a rehearsal's verticles placed, and the first failure, if any. */
final class RehearsalTally {

  private final AtomicLong placed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

  void placed() {
    placed.incrementAndGet();
  }

  void failed(Throwable cause) {
    failed.incrementAndGet();
    firstFailure.compareAndSet(null, cause);
  }

  long placedCount() {
    return placed.get();
  }

  long failedCount() {
    return failed.get();
  }

  Throwable firstFailure() {
    return firstFailure.get();
  }
}
