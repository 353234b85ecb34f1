package io.stampede.orders.catalog;

import java.util.Optional;

import io.stampede.contracts.grpc.DropItemState;
import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStatus;
import io.stampede.orders.sync.DropStateCache;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * What the order service knows of a drop: its state as the drops service last synced it (gRPC),
 * read once from Postgres when this member has not heard of the drop yet (a cold start), then kept.
 */
public final class DropCatalog {

  private static final String LOAD = """
      SELECT d.id, d.status, d.starts_at, d.ends_at, d.version, i.product_id, i.stock, i.per_user_limit,
             p.price_cents, p.currency
        FROM drops d JOIN drop_items i ON i.drop_id = d.id JOIN products p ON p.id = i.product_id
       WHERE d.id = $1""";

  private final DropStateCache cache;
  private final SqlClient client;

  public DropCatalog(DropStateCache cache, SqlClient client) {
    this.cache = cache;
    this.client = client;
  }

  public Future<Optional<DropItemState>> item(String dropId, String productId) {
    return state(dropId)
        .map(s -> s.flatMap(d -> d.getItemsList().stream().filter(i -> i.getProductId().equals(productId)).findFirst()));
  }

  public Future<Optional<DropState>> state(String dropId) {
    Optional<DropState> known = cache.get(dropId);
    return known.isPresent() ? Future.succeededFuture(known) : load(dropId);
  }

  private Future<Optional<DropState>> load(String dropId) {
    return client.preparedQuery(LOAD).execute(Tuple.of(dropId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.<DropState>empty();
      }
      DropState.Builder drop = DropState.newBuilder().setDropId(dropId);
      for (Row r : rows) {
        drop.setStatus(DropStatus.valueOf("DROP_STATUS_" + r.getString("status")))
            .setStartsAtEpochMillis(r.getOffsetDateTime("starts_at").toInstant().toEpochMilli())
            .setVersion(r.getLong("version"))
            .addItems(DropItemState.newBuilder().setProductId(r.getString("product_id")).setStock(r.getInteger("stock"))
                .setPerUserLimit(r.getInteger("per_user_limit")).setPriceCents(r.getLong("price_cents"))
                .setCurrency(r.getString("currency").trim()));
        if (r.getOffsetDateTime("ends_at") != null) {
          drop.setEndsAtEpochMillis(r.getOffsetDateTime("ends_at").toInstant().toEpochMilli());
        }
      }
      DropState loaded = drop.build();
      cache.apply(loaded);
      return cache.get(dropId);
    });
  }
}
