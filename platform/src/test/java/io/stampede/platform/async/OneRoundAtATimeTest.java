package io.stampede.platform.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OneRoundAtATimeTest {

  private final List<Throwable> failures = new CopyOnWriteArrayList<>();

  @Test
  void aRoundAskedForWhileOneRunsIsSkipped(Vertx vertx) {
    OneRoundAtATime rounds = new OneRoundAtATime("test rounds", Duration.ofHours(1), failures::add);
    AtomicInteger started = new AtomicInteger();
    Promise<Void> first = Promise.promise();

    rounds.run(() -> {
      started.incrementAndGet();
      return first.future();
    });
    rounds.run(() -> {
      started.incrementAndGet();
      return Future.succeededFuture();
    });
    assertThat(started).as("the second round was skipped").hasValue(1);
    assertThat(rounds.running()).isTrue();

    first.complete();
    assertThat(rounds.running()).isFalse();
    rounds.run(() -> {
      started.incrementAndGet();
      return Future.succeededFuture();
    });
    assertThat(started).as("the round after the first ended ran").hasValue(2);
    assertThat(failures).isEmpty();
  }

  @Test
  void aRoundThatNeverEndsIsGivenUpOnAtItsDeadlineAndTheNextRuns(Vertx vertx, VertxTestContext test) {
    OneRoundAtATime rounds = new OneRoundAtATime("test rounds", Duration.ofMillis(50), failures::add);
    rounds.run(() -> Promise.<Void>promise().future());

    vertx.setPeriodic(10, timer -> {
      if (rounds.running()) {
        return;
      }
      vertx.cancelTimer(timer);
      test.verify(() -> {
        assertThat(failures).singleElement().isInstanceOf(TimeoutException.class)
            .extracting(Throwable::getMessage).asString().contains("test rounds did not finish within 50 ms");
        AtomicInteger next = new AtomicInteger();
        rounds.run(() -> {
          next.incrementAndGet();
          return Future.succeededFuture();
        });
        assertThat(next).as("the next round ran").hasValue(1);
      });
      test.completeNow();
    });
  }

  @Test
  void aRoundThatThrowsOrFailsIsReportedAndDoesNotBlockTheNext(Vertx vertx) {
    OneRoundAtATime rounds = new OneRoundAtATime("test rounds", Duration.ofHours(1), failures::add);

    rounds.run(() -> {
      throw new IllegalStateException("broken before it began");
    });
    rounds.run(() -> Future.failedFuture(new IllegalStateException("store down")));

    assertThat(failures).extracting(Throwable::getMessage).containsExactly("broken before it began", "store down");
    assertThat(rounds.running()).isFalse();
  }

  @Test
  void finishedWaitsForTheRoundInFlightAndDoesNotFailWithIt(Vertx vertx) {
    OneRoundAtATime rounds = new OneRoundAtATime("test rounds", Duration.ofHours(1), failures::add);
    assertThat(rounds.finished().succeeded()).as("no round yet: finished at once").isTrue();

    Promise<Void> round = Promise.promise();
    rounds.run(round::future);
    Future<Void> finished = rounds.finished();
    assertThat(finished.isComplete()).as("a round is in flight").isFalse();

    round.fail(new IllegalStateException("pool closed"));
    assertThat(finished.succeeded()).as("finished once the round ended, though it failed").isTrue();
    assertThat(failures).extracting(Throwable::getMessage).containsExactly("pool closed");
  }
}
