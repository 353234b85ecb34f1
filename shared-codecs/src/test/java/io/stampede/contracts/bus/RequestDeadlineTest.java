package io.stampede.contracts.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import org.junit.jupiter.api.Test;

class RequestDeadlineTest {

  @Test
  void aRequestIsGivenUpOnlyOnceItsDeadlineAndTheClockAllowanceArePast() {
    DeliveryOptions options = RequestDeadline.options(5000, 1_000_000);

    assertThat(options.getSendTimeout()).isEqualTo(5000);
    assertThat(RequestDeadline.passed(options.getHeaders(), 1_005_000)).isFalse();
    assertThat(RequestDeadline.passed(options.getHeaders(), 1_005_000 + RequestDeadline.CLOCK_ALLOWANCE_MS)).isFalse();
    assertThat(RequestDeadline.passed(options.getHeaders(), 1_005_001 + RequestDeadline.CLOCK_ALLOWANCE_MS)).isTrue();
  }

  @Test
  void aRequestWithoutAReadableDeadlineIsNeverGivenUp() {
    assertThat(RequestDeadline.passed(null, Long.MAX_VALUE)).isFalse();
    assertThat(RequestDeadline.passed(MultiMap.caseInsensitiveMultiMap(), Long.MAX_VALUE)).isFalse();
    assertThat(RequestDeadline.passed(MultiMap.caseInsensitiveMultiMap().add(RequestDeadline.HEADER, "soon"),
        Long.MAX_VALUE)).isFalse();
  }
}
