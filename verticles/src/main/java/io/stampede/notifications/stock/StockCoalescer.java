package io.stampede.notifications.stock;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.stampede.contracts.api.ApiRequest;
import io.stampede.contracts.bus.Addresses;
import io.stampede.notifications.deliver.Notices;
import io.stampede.platform.api.BusCalls;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Turns a storm of stock movements into at most one {@code stock} message per item per interval.
 * Events only mark an item as changed; a frequent tick reads the current counters of the changed
 * items whose last message is at least one interval old (one request to the order service for all
 * of them) and publishes the values that differ from the last one sent. A change after the last
 * message always leads to one more read, so the final value is always sent. Runs on one context.
 */
public final class StockCoalescer {

  private static final long TIMEOUT_MS = 2000;
  private static final int TICKS_PER_INTERVAL = 5;
  private static final int FORGET_AFTER_INTERVALS = 20;

  /** One item of one drop. */
  record Item(String dropId, String productId) {
  }

  private final Vertx vertx;
  private final Notices notices;
  private final long intervalMs;
  private final Set<Item> changed = new LinkedHashSet<>();
  private final Map<Item, Integer> lastValue = new HashMap<>();
  private final Map<Item, Long> lastSentAt = new HashMap<>();
  private boolean reading;
  private long timer = -1;

  public StockCoalescer(Vertx vertx, Notices notices, long intervalMs) {
    this.vertx = vertx;
    this.notices = notices;
    this.intervalMs = intervalMs;
  }

  public void start() {
    timer = vertx.setPeriodic(Math.max(10, intervalMs / TICKS_PER_INTERVAL), id -> tick());
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  public void changed(String dropId, String productId) {
    changed.add(new Item(dropId, productId));
  }

  /**
   * The drop is over. Its last changes still go out (a sell-out is announced while the final 0 may
   * still be waiting for its tick); what is remembered about it is let go a little later.
   */
  public void forget(String dropId) {
    vertx.setTimer(intervalMs * FORGET_AFTER_INTERVALS, id -> {
      if (changed.stream().anyMatch(i -> i.dropId().equals(dropId))) {
        forget(dropId);
        return;
      }
      lastValue.keySet().removeIf(i -> i.dropId().equals(dropId));
      lastSentAt.keySet().removeIf(i -> i.dropId().equals(dropId));
    });
  }

  private void tick() {
    if (reading || changed.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    List<Item> due = changed.stream().filter(i -> now - lastSentAt.getOrDefault(i, 0L) >= intervalMs).toList();
    if (due.isEmpty()) {
      return;
    }
    due.forEach(changed::remove);
    reading = true;
    BusCalls.object(vertx, Addresses.ORDERS_STOCK_GET, ApiRequest.of(null, new JsonObject().put("items", wanted(due))),
            TIMEOUT_MS)
        .onSuccess(counters -> publish(due, counters))
        .onFailure(e -> changed.addAll(due))
        .onComplete(done -> reading = false);
  }

  private static JsonObject wanted(List<Item> items) {
    JsonObject wanted = new JsonObject();
    for (Item i : items) {
      JsonArray products = wanted.getJsonArray(i.dropId());
      if (products == null) {
        products = new JsonArray();
        wanted.put(i.dropId(), products);
      }
      products.add(i.productId());
    }
    return wanted;
  }

  private void publish(List<Item> items, JsonObject counters) {
    long now = System.currentTimeMillis();
    for (Item i : items) {
      Integer remaining = counters.getJsonObject(i.dropId(), new JsonObject()).getInteger(i.productId());
      if (remaining != null && !remaining.equals(lastValue.get(i))) {
        lastValue.put(i, remaining);
        lastSentAt.put(i, now);
        notices.stock(i.dropId(), i.productId(), remaining);
      }
    }
  }
}
