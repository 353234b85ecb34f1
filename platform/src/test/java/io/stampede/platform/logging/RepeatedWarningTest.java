package io.stampede.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class RepeatedWarningTest {

  private static final long SECOND = 1_000_000_000L;

  private final List<List<Object>> warnings = new ArrayList<>();
  private final AtomicLong now = new AtomicLong(100 * SECOND);
  private final Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
      (proxy, method, args) -> {
        if (method.getName().equals("warn")) {
          List<Object> call = new ArrayList<>();
          call.add(args[0]);
          call.addAll(Arrays.asList((Object[]) args[1]));
          warnings.add(call);
        }
        return null;
      });

  @Test
  void theFirstOccurrenceIsLoggedAndTheRestOfTheIntervalOnlyCounted() {
    RepeatedWarning warning = new RepeatedWarning(log, "tick failed: {}", 10 * SECOND, now::get);

    warning.warn("connection refused");
    now.addAndGet(SECOND);
    warning.warn("connection refused");
    warning.warn("connection refused");

    assertThat(warnings).containsExactly(
        List.of("tick failed: {} ({} more since the last such warning)", "connection refused", 0L));
  }

  @Test
  void theNextIntervalSaysHowManyItStoodFor() {
    RepeatedWarning warning = new RepeatedWarning(log, "{} answered 503 ({})", 10 * SECOND, now::get);
    warning.warn("orders.place", "down");
    for (int i = 0; i < 7; i++) {
      now.addAndGet(SECOND);
      warning.warn("orders.place", "down");
    }

    now.addAndGet(10 * SECOND);
    warning.warn("orders.place", "still down");

    assertThat(warnings).hasSize(2);
    assertThat(warnings.get(1)).containsExactly(
        "{} answered 503 ({}) ({} more since the last such warning)", "orders.place", "still down", 7L);
  }
}
