package io.stampede.gateway.realtime;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Socket metrics of one member, shared by its gateway instances. */
public final class RealtimeMetrics {

  private final AtomicInteger open = new AtomicInteger();
  private final MeterRegistry registry;
  private final Counter merged;
  private final Counter droppedStale;

  public RealtimeMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("stampede_ws_connections", open, AtomicInteger::get)
        .description("open real-time connections (/ws and /eventbus)").register(registry);
    this.merged = Counter.builder("stampede_ws_stock_merged")
        .description("stock updates that replaced an older one waiting for a slow socket").register(registry);
    this.droppedStale = Counter.builder("stampede_ws_stock_dropped")
        .description("waiting stock updates dropped to make room on a full socket queue").register(registry);
  }

  void opened() {
    open.incrementAndGet();
  }

  void gone() {
    open.decrementAndGet();
  }

  void queued(OutboundQueue.Offer offer) {
    if (offer == OutboundQueue.Offer.MERGED) {
      merged.increment();
    } else if (offer == OutboundQueue.Offer.DROPPED_STALE) {
      droppedStale.increment();
    }
  }

  void closed(short code) {
    String reason = switch (code) {
      case CloseCodes.IDLE -> "idle";
      case CloseCodes.UNAUTHORIZED -> "unauthorized";
      case CloseCodes.TOO_SLOW -> "too_slow";
      default -> "other";
    };
    Counter.builder("stampede_ws_closed_by_server").tag("reason", reason)
        .description("sockets the server closed, by reason").register(registry).increment();
  }
}
