package io.stampede.platform.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real timers on a real context; the store's answers are scripted, one per look. */
class RoundsWhenDueTest {

  private static final Duration NEVER = Duration.ofHours(1);
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
  /** Scripted answers to the looks, in order; once they run out, nothing is waiting. */
  private final Deque<Supplier<Future<Optional<Duration>>>> answers = new ArrayDeque<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void takesWhatIsDueThenSleepsUntilTheNextIsDue() {
    answer(Duration.ZERO);
    answer(Duration.ofMillis(50));
    answer(Duration.ZERO);
    RoundsWhenDue rounds = rounds(NEVER);

    onContext(rounds::ask);

    await(() -> calls.size() >= 6);
    assertThat(calls).as("due now: take it; the next is due in 50 ms: take it then; then nothing is waiting")
        .containsExactly("look", "take", "look", "look", "take", "look");
  }

  @Test
  void withNothingWaitingItLooksAgainAfterTheRecheck() {
    RoundsWhenDue rounds = rounds(Duration.ofMillis(20));

    onContext(rounds::ask);

    await(() -> calls.size() >= 3);
    assertThat(calls).as("nothing was ever due").containsOnly("look");
  }

  @Test
  void anAskRunsARoundBeforeTheSleepIsOver() {
    answer(NEVER);
    answer(Duration.ZERO);
    RoundsWhenDue rounds = rounds(NEVER);
    onContext(rounds::ask);
    await(() -> calls.size() == 1);

    onContext(rounds::ask);

    await(() -> calls.size() >= 3);
    assertThat(calls).containsExactly("look", "look", "take", "look");
  }

  @Test
  void aFailedRoundIsReportedAndTheNextFollowsAfterTheRecheck() {
    answers.add(() -> Future.failedFuture(new IllegalStateException("store down")));
    RoundsWhenDue rounds = rounds(Duration.ofMillis(20));

    onContext(rounds::ask);

    await(() -> calls.size() >= 2);
    assertThat(failures).extracting(Throwable::getMessage).containsExactly("store down");
  }

  @Test
  void stopWaitsForTheRoundInFlightAndNoRoundFollows() throws Exception {
    Promise<Optional<Duration>> slow = Promise.promise();
    answers.add(slow::future);
    RoundsWhenDue rounds = rounds(NEVER);
    onContext(rounds::ask);
    await(() -> calls.size() == 1);

    CompletableFuture<Future<Void>> stopping = new CompletableFuture<>();
    context.runOnContext(v -> stopping.complete(rounds.stop()));
    Future<Void> stopped = stopping.get(10, TimeUnit.SECONDS);
    assertThat(stopped.isComplete()).as("a round is in flight").isFalse();

    onContext(() -> slow.complete(Optional.of(Duration.ofMillis(10))));
    await(stopped::succeeded);
    onContext(rounds::ask);
    // Ten times the sleep the last answer asked for: long enough for a timer that should not exist.
    Thread.sleep(100);
    assertThat(calls).as("no round after the stop").containsExactly("look");
  }

  private RoundsWhenDue rounds(Duration recheck) {
    return new RoundsWhenDue(vertx, this::look, this::take, recheck, DEADLINE, failures::add);
  }

  private void answer(Duration untilNextDue) {
    answers.add(() -> Future.succeededFuture(Optional.of(untilNextDue)));
  }

  private Future<Optional<Duration>> look() {
    calls.add("look");
    Supplier<Future<Optional<Duration>>> next = answers.poll();
    return next == null ? Future.succeededFuture(Optional.empty()) : next.get();
  }

  private Future<Void> take() {
    calls.add("take");
    return Future.succeededFuture();
  }

  private void onContext(Runnable action) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      action.run();
      done.complete(null);
    });
    done.join();
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
