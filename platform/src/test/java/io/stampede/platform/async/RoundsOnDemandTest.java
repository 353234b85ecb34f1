package io.stampede.platform.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

class RoundsOnDemandTest {

  private final Deque<Promise<Boolean>> started = new ArrayDeque<>();
  private final List<Throwable> failures = new ArrayList<>();
  private final RoundsOnDemand rounds = new RoundsOnDemand(() -> {
    Promise<Boolean> round = Promise.promise();
    started.add(round);
    return round.future();
  }, failures::add);

  @Test
  void asksWhileARoundRunsAreFollowedByExactlyOneMoreRound() {
    rounds.ask();
    rounds.ask();
    rounds.ask();
    assertThat(started).as("one round at a time").hasSize(1);

    started.poll().complete(false);
    assertThat(started).as("the asks made meanwhile: one more round").hasSize(1);
    started.poll().complete(false);
    assertThat(started).as("nothing asked since: no round").isEmpty();
  }

  @Test
  void aRoundThatLeftMoreIsFollowedAtOnce() {
    rounds.ask();
    started.poll().complete(true);
    assertThat(started).hasSize(1);
    started.poll().complete(false);
    assertThat(started).isEmpty();
  }

  @Test
  void aFailedRoundIsReportedAndTheNextAskStartsAnother() {
    rounds.ask();
    started.poll().fail(new IllegalStateException("store down"));
    assertThat(failures).extracting(Throwable::getMessage).containsExactly("store down");
    rounds.ask();
    assertThat(started).hasSize(1);
  }

  @Test
  void stopWaitsForTheRoundInFlightAndStartsNoOther() {
    rounds.ask();
    rounds.ask();
    Future<Void> stopped = rounds.stop();
    assertThat(stopped.isComplete()).as("a round is in flight").isFalse();

    started.poll().fail(new IllegalStateException("pool closed"));
    assertThat(stopped.succeeded()).as("stopped once the round ended, though it failed").isTrue();
    rounds.ask();
    assertThat(started).as("no round after the stop, not even the one asked for before it").isEmpty();
  }
}
