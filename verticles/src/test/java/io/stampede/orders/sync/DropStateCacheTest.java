package io.stampede.orders.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStatus;
import org.junit.jupiter.api.Test;

class DropStateCacheTest {

  private final DropStateCache cache = new DropStateCache();

  @Test
  void aLateOlderSyncNeverRollsADropBack() {
    assertThat(cache.apply(state(2, DropStatus.DROP_STATUS_LIVE))).isTrue();
    assertThat(cache.apply(state(1, DropStatus.DROP_STATUS_SCHEDULED))).isFalse();
    assertThat(cache.get("d1")).map(DropState::getStatus).contains(DropStatus.DROP_STATUS_LIVE);

    assertThat(cache.apply(state(3, DropStatus.DROP_STATUS_ENDED))).isTrue();
    assertThat(cache.version("d1")).isEqualTo(3);
  }

  @Test
  void theSameVersionAgainIsTakenAgainForItsLastWordWins() {
    // A go-live synced and then rolled back, and a cancel committed with the same version after it.
    cache.apply(state(1, DropStatus.DROP_STATUS_SCHEDULED));
    assertThat(cache.apply(state(2, DropStatus.DROP_STATUS_LIVE))).isTrue();
    assertThat(cache.apply(state(2, DropStatus.DROP_STATUS_CANCELLED))).isTrue();
    assertThat(cache.get("d1")).map(DropState::getStatus).contains(DropStatus.DROP_STATUS_CANCELLED);
    assertThat(cache.apply(state(1, DropStatus.DROP_STATUS_SCHEDULED))).isFalse();
  }

  private static DropState state(long version, DropStatus status) {
    return DropState.newBuilder().setDropId("d1").setVersion(version).setStatus(status).build();
  }
}
