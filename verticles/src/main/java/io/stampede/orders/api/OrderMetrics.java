package io.stampede.orders.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stampede.contracts.api.ApiReply;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.AsyncResult;

/** Orders by outcome: {@code stampede_orders_total{outcome="created|SOLD_OUT|..."}}. */
final class OrderMetrics {

  private final MeterRegistry meters;

  OrderMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void record(AsyncResult<ApiReply> result) {
    String outcome = result.succeeded() ? "created"
        : result.cause() instanceof StampedeException se ? se.code().name() : "INTERNAL";
    Counter.builder("stampede.orders").tag("outcome", outcome).description("order attempts by outcome")
        .register(meters).increment();
  }
}
