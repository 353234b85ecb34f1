package io.stampede.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutboundQueueTest {

  @Test
  void aNewerStockUpdateReplacesTheWaitingOneInPlace() {
    OutboundQueue queue = new OutboundQueue(10);
    queue.offer("live", null);
    queue.offer("stock=5", "d/p");
    queue.offer("order", null);
    assertThat(queue.offer("stock=3", "d/p")).isEqualTo(OutboundQueue.Offer.MERGED);
    assertThat(drain(queue)).containsExactly("live", "stock=3", "order");
  }

  @Test
  void whenFullStockUpdatesMakeRoomFirstAndOnlyThenItOverflows() {
    OutboundQueue queue = new OutboundQueue(3);
    queue.offer("stock a", "a");
    queue.offer("event 1", null);
    queue.offer("stock b", "b");
    assertThat(queue.offer("event 2", null)).isEqualTo(OutboundQueue.Offer.DROPPED_STALE);
    assertThat(queue.offer("event 3", null)).isEqualTo(OutboundQueue.Offer.DROPPED_STALE);
    assertThat(queue.offer("event 4", null)).isEqualTo(OutboundQueue.Offer.OVERFLOW);
    assertThat(queue.size()).isEqualTo(3);
    assertThat(drain(queue)).containsExactly("event 1", "event 2", "event 3");
  }

  @Test
  void itNeverHoldsMoreThanItsLimit() {
    OutboundQueue queue = new OutboundQueue(16);
    for (int i = 0; i < 10_000; i++) {
      queue.offer("m" + i, i % 2 == 0 ? "item" + (i % 7) : null);
      assertThat(queue.size()).isLessThanOrEqualTo(16);
    }
  }

  private static List<String> drain(OutboundQueue queue) {
    List<String> out = new ArrayList<>();
    for (String m = queue.poll(); m != null; m = queue.poll()) {
      out.add(m);
    }
    return out;
  }
}
