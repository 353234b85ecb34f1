package io.stampede.launcher;

import java.util.UUID;

import io.stampede.contracts.grpc.DropItemState;
import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStatus;
import io.stampede.drops.DropsService;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * A live drop of one product, written as the drops service writes it and synced to the order
 * service over the real gRPC contract: for tests of the order path that do not need the drop's
 * schedule. {@link #sync} plays the drops service announcing a later state.
 */
record DropFixture(Node node, String dropId, String productId, int stock, int perUserLimit, long priceCents) {

  static DropFixture live(Node node, Pool pool, String creatorId, int stock, int perUserLimit, long priceCents) {
    DropFixture drop = new DropFixture(node, "d-" + UUID.randomUUID(), "p-" + UUID.randomUUID(), stock, perUserLimit,
        priceCents);
    Await.result(pool.preparedQuery("INSERT INTO products (id, creator_id, name, description, price_cents, currency) "
        + "VALUES ($1, $2, 'Fixture', 'A product', $3, 'EUR')").execute(Tuple.of(drop.productId, creatorId, priceCents)));
    Await.result(pool.preparedQuery("INSERT INTO drops (id, creator_id, status, starts_at, version) "
        + "VALUES ($1, $2, 'LIVE', now(), 2)").execute(Tuple.of(drop.dropId, creatorId)));
    Await.result(pool.preparedQuery("INSERT INTO drop_items (drop_id, product_id, stock, per_user_limit) "
        + "VALUES ($1, $2, $3, $4)").execute(Tuple.of(drop.dropId, drop.productId, stock, perUserLimit)));
    Poll.until("the order service to take the live drop", () -> drop.trySync(DropStatus.DROP_STATUS_LIVE, 2));
    return drop;
  }

  /**
   * {@link #sync}, answering false where the call failed: the drops service's scheduler tries a
   * failed sync again a second later, and so does a test. Right after a member starts against a new
   * Redis Cluster, the cluster client can leave a request unanswered until it is replaced
   * ({@code RecoveringRedis}, 5 s), which is past the sync call's 3 s deadline.
   */
  private boolean trySync(DropStatus status, long version) {
    try {
      return sync(status, version);
    } catch (AssertionError callFailed) {
      return false;
    }
  }

  /** The whole state of the drop, as the drops service sends it on every change; true when applied. */
  boolean sync(DropStatus status, long version) {
    DropState state = DropState.newBuilder().setDropId(dropId).setStatus(status).setVersion(version)
        .setStartsAtEpochMillis(System.currentTimeMillis())
        .addItems(DropItemState.newBuilder().setProductId(productId).setStock(stock).setPerUserLimit(perUserLimit)
            .setPriceCents(priceCents).setCurrency("EUR"))
        .build();
    return Await.result(node.module(DropsService.class).orElseThrow().ordersSync().push(state)).getApplied();
  }
}
