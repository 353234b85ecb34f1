package io.stampede.platform.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

/**
 * How long work waits for each event loop: every {@link #PERIOD_MS} a task is scheduled on every
 * loop, and how much later than due it runs goes into {@code stampede_event_loop_delay_seconds}
 * (tagged with the loop). A loop that one long task holds up (a fan-out to thousands of sockets, a
 * big batch, a blocking call by mistake) shows there as it happens, with its length, where Vert.x's
 * blocked-thread checker only warns after seconds. Every request on that loop waited as long.
 */
public final class EventLoopDelay {

  static final long PERIOD_MS = 50;

  private final List<ScheduledFuture<?>> probes = new ArrayList<>();

  private EventLoopDelay() {
  }

  /** Starts probing every event loop of {@code vertx}; {@link #stop()} ends it. */
  public static EventLoopDelay watch(Vertx vertx, MeterRegistry registry) {
    EventLoopDelay delay = new EventLoopDelay();
    int index = 0;
    for (EventExecutor loop : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      Timer timer = Timer.builder("stampede_event_loop_delay")
          .description("how much later than due a task scheduled on this event loop ran")
          .tag("loop", Integer.toString(index++))
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1))
          .maximumExpectedValue(Duration.ofSeconds(10))
          .register(registry);
      delay.probe(loop, timer);
    }
    return delay;
  }

  private void probe(EventExecutor loop, Timer timer) {
    long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
    // A fixed rate: a late run is followed at once by the runs it missed, each recording its own
    // lateness, so the histogram is what work arriving evenly while the loop was held waited.
    probes.add(loop.scheduleAtFixedRate(new Runnable() {
      private long next = due;

      @Override
      public void run() {
        timer.record(Math.max(0, System.nanoTime() - next), TimeUnit.NANOSECONDS);
        next += TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
      }
    }, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS));
  }

  public void stop() {
    probes.forEach(p -> p.cancel(false));
  }
}
