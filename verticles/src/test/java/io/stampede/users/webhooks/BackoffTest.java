package io.stampede.users.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesPerAttemptWithJitterAndStopsGrowingAtAnHour() {
    Backoff lowest = new Backoff(() -> 0.0);
    Backoff highest = new Backoff(() -> 0.999_999);

    assertThat(lowest.after(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(highest.after(1)).isBetween(Duration.ofMillis(999), Duration.ofMillis(1000));
    assertThat(lowest.after(4)).isEqualTo(Duration.ofSeconds(4));
    assertThat(highest.after(40)).isLessThanOrEqualTo(Duration.ofHours(1));
    assertThat(lowest.after(40)).isEqualTo(Duration.ofMinutes(30));
  }
}
