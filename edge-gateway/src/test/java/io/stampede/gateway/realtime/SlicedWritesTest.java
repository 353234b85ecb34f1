package io.stampede.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SlicedWritesTest {

  private static final int SOCKETS = 5_000;

  /** A socket's inbox; each write costs 10 µs, so one job takes about 50 ms: ten slices at least. */
  private static final class Inbox {
    final List<String> got = new ArrayList<>();

    void write(String message) {
      long until = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(10);
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      got.add(message);
    }
  }

  @Test
  void theLoopDoesOtherWorkBeforeALargeFanOutEndsAndEverySocketGetsItsMessagesInOrder(Vertx vertx,
                                                                                         VertxTestContext test) {
    Inbox[] inboxes = IntStream.range(0, SOCKETS).mapToObj(i -> new Inbox()).toArray(Inbox[]::new);
    vertx.runOnContext(v -> {
      SlicedWrites writes = new SlicedWrites(vertx);
      writes.submit(inboxes, in -> in.write("drop.live"));
      writes.submit(inboxes, in -> in.write("stock"));
      // Work that comes in meanwhile (a request, say) runs between two slices, not after the last.
      vertx.setTimer(1, id -> test.verify(() -> {
        assertThat(inboxes[SOCKETS - 1].got).as("the last socket is still waiting").isEmpty();
        assertThat(inboxes[0].got).as("the first socket had it at once").containsExactly("drop.live");
      }));
      vertx.setTimer(5, id -> awaitLast(vertx, inboxes, test));
    });
  }

  private static void awaitLast(Vertx vertx, Inbox[] inboxes, VertxTestContext test) {
    if (inboxes[SOCKETS - 1].got.size() < 2) {
      vertx.setTimer(5, id -> awaitLast(vertx, inboxes, test));
      return;
    }
    test.verify(() -> {
      for (Inbox in : inboxes) {
        assertThat(in.got).containsExactly("drop.live", "stock");
      }
    });
    test.completeNow();
  }

  @Test
  void aWriteThatFailsDoesNotStopTheOthers(Vertx vertx, VertxTestContext test) {
    Inbox[] inboxes = IntStream.range(0, 3).mapToObj(i -> new Inbox()).toArray(Inbox[]::new);
    vertx.runOnContext(v -> {
      new SlicedWrites(vertx).submit(inboxes, in -> {
        if (in == inboxes[1]) {
          throw new IllegalStateException("closed under our feet");
        }
        in.write("drop.live");
      });
      test.verify(() -> {
        assertThat(inboxes[0].got).containsExactly("drop.live");
        assertThat(inboxes[2].got).containsExactly("drop.live");
      });
      test.completeNow();
    });
  }
}
