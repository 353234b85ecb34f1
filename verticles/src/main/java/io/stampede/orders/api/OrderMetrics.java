package io.stampede.orders.api;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;

/**
 * Orders by outcome, {@code stampede_orders_total{outcome="created|SOLD_OUT|..."}}, and how long
 * each step of a new order takes, {@code stampede_orders_step_seconds{step="reserve|kafka|complete"}}
 * (a histogram): where an order's time goes when the answers get slow.
 */
final class OrderMetrics {

  /** The steps of {@code POST /orders} between the gateway's request and its answer. */
  enum Step {
    /** The admission script in Redis. */
    RESERVE,
    /** Until the broker has the order on every in-sync replica. */
    KAFKA,
    /** Storing the answer for replays and the copy readable before Postgres. */
    COMPLETE
  }

  private final MeterRegistry meters;
  private final Map<Step, Timer> steps = new EnumMap<>(Step.class);

  OrderMetrics(MeterRegistry meters) {
    this.meters = meters;
    for (Step step : Step.values()) {
      steps.put(step, Timer.builder("stampede.orders.step").tag("step", step.name().toLowerCase(Locale.ROOT))
          .description("time of one step of a new order").publishPercentileHistogram().register(meters));
    }
  }

  void record(AsyncResult<ApiReply> result) {
    String outcome = result.succeeded() ? "created"
        : result.cause() instanceof StampedeException se ? se.code().name() : "INTERNAL";
    Counter.builder("stampede.orders").tag("outcome", outcome).description("order attempts by outcome")
        .register(meters).increment();
  }

  /** Runs {@code work} and records how long it took to complete, whether it succeeded or not. */
  <T> Future<T> timed(Step step, Supplier<Future<T>> work) {
    long started = System.nanoTime();
    return work.get().onComplete(done -> steps.get(step).record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
  }
}
