package io.stampede.orders.store.pg;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.stampede.contracts.events.OrderPlaced;
import io.stampede.orders.store.OrderStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** Orders in Postgres; inserts are one multi-row statement per batch, idempotent by constraint. */
public final class PgOrderStore implements OrderStore {

  private static final String COLUMNS =
      "id, user_id, drop_id, product_id, quantity, price_cents, currency, status, created_at, updated_at";
  private static final String CONFIRM = """
      INSERT INTO orders (id, user_id, drop_id, product_id, quantity, price_cents, currency, status,
                          idempotency_key, request_hash, created_at, updated_at)
      SELECT o.id, o.user_id, o.drop_id, o.product_id, o.quantity, o.price_cents, o.currency, 'CONFIRMED',
             o.idempotency_key, o.request_hash, o.created_at, now()
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::text[],
                    $9::text[], $10::timestamptz[])
          AS o(id, user_id, drop_id, product_id, quantity, price_cents, currency, idempotency_key, request_hash, created_at)
      ON CONFLICT DO NOTHING
      """ + "RETURNING " + COLUMNS;

  private final SqlClient client;

  public PgOrderStore(SqlClient client) {
    this.client = client;
  }

  @Override
  public Future<List<JsonObject>> confirm(List<OrderPlaced> orders) {
    if (orders.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    int n = orders.size();
    String[] ids = new String[n];
    String[] users = new String[n];
    String[] drops = new String[n];
    String[] products = new String[n];
    Integer[] quantities = new Integer[n];
    Long[] prices = new Long[n];
    String[] currencies = new String[n];
    String[] keys = new String[n];
    String[] hashes = new String[n];
    OffsetDateTime[] created = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      OrderPlaced o = orders.get(i);
      ids[i] = o.orderId();
      users[i] = o.userId();
      drops[i] = o.dropId();
      products[i] = o.productId();
      quantities[i] = o.quantity();
      prices[i] = o.priceCents();
      currencies[i] = o.currency();
      keys[i] = o.idempotencyKey();
      hashes[i] = o.requestHash();
      created[i] = OffsetDateTime.ofInstant(o.createdAt(), ZoneOffset.UTC);
    }
    return client.preparedQuery(CONFIRM)
        .execute(Tuple.of(ids, users, drops, products, quantities, prices).addArrayOfString(currencies)
            .addArrayOfString(keys).addArrayOfString(hashes).addArrayOfOffsetDateTime(created))
        .compose(rows -> {
          List<JsonObject> durable = new ArrayList<>(n);
          rows.forEach(row -> durable.add(toJson(row)));
          return durable.size() == n ? Future.succeededFuture(durable) : withEarlierOnes(ids, durable);
        });
  }

  /**
   * Adds the orders of {@code ids} that the insert skipped because an earlier attempt had written
   * them (a batch read again). A separate statement, so the first attempt, the usual one, costs
   * nothing more than its insert.
   */
  private Future<List<JsonObject>> withEarlierOnes(String[] ids, List<JsonObject> inserted) {
    Set<String> done = new HashSet<>();
    inserted.forEach(o -> done.add(o.getString("id")));
    String[] skipped = Arrays.stream(ids).filter(id -> !done.contains(id)).toArray(String[]::new);
    return client.preparedQuery("SELECT " + COLUMNS + " FROM orders WHERE id = ANY($1)")
        .execute(Tuple.tuple().addArrayOfString(skipped))
        .map(rows -> {
          rows.forEach(row -> inserted.add(toJson(row)));
          return inserted;
        });
  }

  @Override
  public Future<Optional<JsonObject>> byId(String orderId) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM orders WHERE id = $1").execute(Tuple.of(orderId))
        .map(PgOrderStore::first);
  }

  @Override
  public Future<Optional<JsonObject>> cancel(String orderId, String userId) {
    return client.preparedQuery("UPDATE orders SET status = 'CANCELLED', updated_at = now() "
            + "WHERE id = $1 AND user_id = $2 AND status = 'CONFIRMED' RETURNING " + COLUMNS)
        .execute(Tuple.of(orderId, userId)).map(PgOrderStore::first);
  }

  @Override
  public Future<List<JsonObject>> byUser(String userId, JsonArray position, int limit) {
    var rows = position == null
        ? client.preparedQuery("SELECT " + COLUMNS + " FROM orders WHERE user_id = $1 "
            + "ORDER BY created_at DESC, id DESC LIMIT $2").execute(Tuple.of(userId, limit))
        : client.preparedQuery("SELECT " + COLUMNS + " FROM orders WHERE user_id = $1 AND (created_at, id) < ($3, $4) "
            + "ORDER BY created_at DESC, id DESC LIMIT $2").execute(Tuple.of(userId, limit,
            OffsetDateTime.ofInstant(java.time.Instant.parse(position.getString(0)), ZoneOffset.UTC), position.getString(1)));
    return rows.map(found -> {
      List<JsonObject> orders = new ArrayList<>();
      found.forEach(r -> orders.add(toJson(r)));
      return orders;
    });
  }

  @Override
  public Future<Optional<JsonObject>> byIdempotencyKey(String userId, String idempotencyKey, String dropId) {
    return client.preparedQuery("SELECT " + COLUMNS + " FROM orders WHERE user_id = $1 AND idempotency_key = $2 "
            + "ORDER BY (drop_id = $3) DESC, created_at LIMIT 1")
        .execute(Tuple.of(userId, idempotencyKey, dropId)).map(PgOrderStore::first);
  }

  private static Optional<JsonObject> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(toJson(rows.iterator().next()));
  }

  /** The public {@code Order} of an {@code orders} row (any query that selects the order columns). */
  public static JsonObject toJson(Row r) {
    return new JsonObject()
        .put("id", r.getString("id")).put("userId", r.getString("user_id")).put("dropId", r.getString("drop_id"))
        .put("productId", r.getString("product_id")).put("quantity", r.getInteger("quantity"))
        .put("priceCents", r.getLong("price_cents")).put("currency", r.getString("currency").trim())
        .put("status", r.getString("status"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString());
  }
}
