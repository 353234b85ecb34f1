package io.stampede.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopDelayTest {

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aLoopHeldByOneTaskShowsHowLong() throws Exception {
    EventLoopDelay delay = EventLoopDelay.watch(vertx, registry);
    assertThat(registry.find("stampede_event_loop_delay").timers()).as("one timer per event loop").hasSize(2);
    Timer first = registry.get("stampede_event_loop_delay").tag("loop", "0").timer();

    CountDownLatch held = new CountDownLatch(1);
    ((VertxInternal) vertx).nettyEventLoopGroup().iterator().next().execute(() -> {
      sleep(400);
      held.countDown();
    });
    assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
    awaitCount(first, 12);

    assertThat(first.max(TimeUnit.MILLISECONDS)).as("the probe waited for the held loop").isGreaterThan(300);
    delay.stop();
  }

  private static void awaitCount(Timer timer, long count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (timer.count() < count && System.nanoTime() < deadline) {
      sleep(10);
    }
    assertThat(timer.count()).isGreaterThanOrEqualTo(count);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
