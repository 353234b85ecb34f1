package io.stampede.drops;

import java.time.Instant;
import java.util.UUID;

import io.stampede.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** A creator with one product, written straight to Postgres, and drop requests of it: for the drops' store-level tests. */
public record DropRows(String creatorId, String productId) {

  /** Inserts a new creator and a product of theirs. */
  public static DropRows insert(Pool pool) {
    DropRows rows = new DropRows(UUID.randomUUID().toString(), UUID.randomUUID().toString());
    Await.result(pool.preparedQuery("INSERT INTO users (id, username, password_hash, display_name, role) "
            + "VALUES ($1, $1, 'x', 'Creator', 'creator')").execute(Tuple.of(rows.creatorId))
        .compose(v -> pool.preparedQuery("INSERT INTO products (id, creator_id, name, description, price_cents, currency) "
            + "VALUES ($1, $2, 'Tee', 'A tee', 2500, 'EUR')").execute(Tuple.of(rows.productId, rows.creatorId))));
    return rows;
  }

  /** The API's create request: the product, 10 in stock, 1 per fan, starting at {@code startsAt}. */
  public JsonObject dropStarting(Instant startsAt) {
    return new JsonObject().put("startsAt", startsAt.toString())
        .put("items", new JsonArray().add(new JsonObject().put("productId", productId).put("stock", 10)
            .put("perUserLimit", 1)));
  }
}
