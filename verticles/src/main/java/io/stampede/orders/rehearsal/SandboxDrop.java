package io.stampede.orders.rehearsal;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.stampede.contracts.Ids;
import io.stampede.contracts.grpc.DropItemState;
import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStatus;
import io.stampede.orders.catalog.DropCatalog;
import io.stampede.orders.reservation.Reservations;
import io.stampede.orders.store.OrderCopies;
import io.stampede.orders.sync.DropStateCache;
import io.stampede.platform.infra.RedisKeys;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.SqlClient;

/**
 * The drop a rehearsal orders from: LIVE, one item with more stock than a rehearsal can sell, known
 * only to this member's rehearsal (its own catalog) and kept in Redis under a key prefix of its own,
 * so no real drop, counter, order list or metric ever sees it. Its idempotency records expire by
 * themselves within minutes; {@link #clear} removes its counters.
 */
final class SandboxDrop {

  private static final int FANS = 64;
  private static final int STOCK = 1_000_000_000;
  private static final Duration IDEMPOTENCY_TTL = Duration.ofMinutes(2);

  private final String dropId = "rehearsal-" + Ids.newId();
  private final String productId = Ids.newId();
  private final List<String> fans = IntStream.range(0, FANS).mapToObj(i -> Ids.newId()).toList();
  private final Reservations reservations;
  private final OrderCopies copies;
  private final DropCatalog catalog;

  SandboxDrop(Redis redis, RedisKeys keys, boolean oneServer, SqlClient reads) {
    RedisKeys own = new RedisKeys(keys.key("rehearsal", Ids.newId(), "")); // <prefix>rehearsal:<id>:
    this.reservations = new Reservations(redis, own, IDEMPOTENCY_TTL, oneServer);
    this.copies = new OrderCopies(redis, own);
    DropStateCache states = new DropStateCache();
    states.apply(DropState.newBuilder().setDropId(dropId).setStatus(DropStatus.DROP_STATUS_LIVE).setVersion(1)
        .setStartsAtEpochMillis(System.currentTimeMillis())
        .addItems(DropItemState.newBuilder().setProductId(productId).setStock(STOCK).setPerUserLimit(STOCK)
            .setPriceCents(1_000).setCurrency("EUR"))
        .build());
    this.catalog = new DropCatalog(states, reads);
  }

  /** Seeds the counters and opens the drop in Redis. */
  Future<Void> open() {
    return reservations.seedItem(dropId, productId, STOCK, STOCK)
        .compose(v -> reservations.setStatus(dropId, "LIVE", 1));
  }

  /** Removes the counters; what is left (idempotency records) expires on its own. */
  Future<Void> clear() {
    return reservations.forgetCounters(dropId, List.of(productId), fans);
  }

  String dropId() {
    return dropId;
  }

  String productId() {
    return productId;
  }

  String fan(long n) {
    return fans.get((int) (n % FANS));
  }

  Reservations reservations() {
    return reservations;
  }

  OrderCopies copies() {
    return copies;
  }

  DropCatalog catalog() {
    return catalog;
  }
}
