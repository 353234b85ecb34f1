package io.stampede.gateway.realtime;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.stampede.platform.logging.RepeatedWarning;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work on many sockets of one event loop, a few milliseconds at a time: one turn of the loop spends
 * at most {@link #TURN_NANOS} on it, then the loop reads and answers what has come in before the
 * next slice (a 1 ms timer: Netty runs queued tasks back to back for up to a second, so a task
 * queued right away would not let it read). Jobs run in the order given, so every socket gets its
 * messages in order.
 *
 * <p>Without it, {@code drop.live} to 10,000 sockets held one loop for 0.2-0.5 s (perf/RESULTS.md),
 * seconds under a burst: the orders of the fans who had the news first waited until every other
 * fan had it. Not thread-safe: one instance per event loop, used on it.
 */
final class SlicedWrites {

  static final long TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** Reading the clock after every write would cost more than a write to a socket. */
  private static final int WRITES_BETWEEN_CLOCK_READS = 16;
  private static final Logger LOG = LoggerFactory.getLogger(SlicedWrites.class);

  private final Vertx vertx;
  private final ArrayDeque<Job<?>> jobs = new ArrayDeque<>();
  private final RepeatedWarning failing = new RepeatedWarning(LOG, "a write to one socket failed, the others go on: {}");
  /** A slice is running or its timer is set. */
  private boolean busy;

  SlicedWrites(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Calls {@code write} for each of {@code targets}, after every job given before. */
  <T> void submit(T[] targets, Consumer<? super T> write) {
    if (targets.length == 0) {
      return;
    }
    jobs.addLast(new Job<>(targets, write));
    if (!busy) {
      busy = true;
      runSlice();
    }
  }

  private void runSlice() {
    long deadline = System.nanoTime() + TURN_NANOS;
    int writes = 0;
    Job<?> job;
    while ((job = jobs.peekFirst()) != null) {
      if (job.writeNext(failing)) {
        jobs.pollFirst();
      }
      if (++writes % WRITES_BETWEEN_CLOCK_READS == 0 && System.nanoTime() >= deadline) {
        break;
      }
    }
    if (jobs.isEmpty()) {
      busy = false;
    } else {
      vertx.setTimer(1, id -> runSlice());
    }
  }

  private static final class Job<T> {
    private final T[] targets;
    private final Consumer<? super T> write;
    private int next;

    Job(T[] targets, Consumer<? super T> write) {
      this.targets = targets;
      this.write = write;
    }

    /** Writes to the next target; true when that was the last. */
    boolean writeNext(RepeatedWarning failing) {
      try {
        write.accept(targets[next]);
      } catch (RuntimeException e) {
        failing.warn(e.toString());
      }
      return ++next == targets.length;
    }
  }
}
