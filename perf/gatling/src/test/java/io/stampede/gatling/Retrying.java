package io.stampede.gatling;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * What a well-behaved app does with 429 and 503: sends the same request again after at least as
 * long as {@code Retry-After} says (a second without one), and, when it is refused again and again,
 * after a random wait of up to twice as long as the time before ("exponential backoff with full
 * jitter", capped at {@link #MAX_BACKOFF}), so that thousands of refused apps do not all come back
 * in the same second. The tries before the last count 429 and 503 as answers, so a retried refusal
 * is no error in the report; the last try accepts only the expected statuses, so a request that
 * never got through is one.
 */
final class Retrying {

  static final int MAX_ATTEMPTS = 20;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(16);
  private static final String ANSWER = "retrying.answer";
  private static final String TRIES = "retrying.tries";
  private static final String RETRY_AFTER = "retrying.retryAfter";

  private Retrying() {
  }

  /**
   * {@code request} builds the request with the status check it is given; it adds its own checks
   * (with {@code checkIf} on the status for what only a success carries).
   */
  static ChainBuilder untilAnswered(Function<CheckBuilder, HttpRequestActionBuilder> request, Integer... expected) {
    List<Integer> done = List.of(expected);
    List<Integer> retriable = new ArrayList<>(done);
    retriable.addAll(List.of(429, 503));
    return exec(session -> session.set(TRIES, 0).remove(ANSWER))
        .asLongAs(session -> !answered(session, done) && session.getInt(TRIES) < MAX_ATTEMPTS - 1).on(
            exec(session -> session.remove(ANSWER).remove(RETRY_AFTER).set(TRIES, session.getInt(TRIES) + 1))
                .exec(request.apply(status().in(retriable).saveAs(ANSWER))
                    .check(header("Retry-After").optional().saveAs(RETRY_AFTER)))
                .doIf(session -> !answered(session, done)).then(pause(Retrying::retryAfter)))
        .doIf(session -> !answered(session, done)).then(
            exec(session -> session.remove(ANSWER)).exec(request.apply(status().in(done).saveAs(ANSWER))));
  }

  private static boolean answered(Session session, List<Integer> done) {
    return session.contains(ANSWER) && done.contains(session.getInt(ANSWER));
  }

  private static Duration retryAfter(Session session) {
    long floorMs = 1000 * (session.contains(RETRY_AFTER) ? Long.parseLong(session.getString(RETRY_AFTER)) : 1);
    long ceilingMs = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(10, session.getInt(TRIES) - 1));
    return Duration.ofMillis(Math.max(floorMs, ThreadLocalRandom.current().nextLong(ceilingMs + 1)));
  }
}
