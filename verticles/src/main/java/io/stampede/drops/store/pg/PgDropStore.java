package io.stampede.drops.store.pg;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.stampede.drops.store.DropRecord;
import io.stampede.drops.store.DropStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** Drops in Postgres. */
public final class PgDropStore implements DropStore {

  private static final String OWNED_PRODUCTS = "SELECT count(*) FROM products WHERE creator_id = $1 AND id = ANY($2)";
  private static final String INSERT_DROP =
      "INSERT INTO drops (id, creator_id, status, starts_at, ends_at) VALUES ($1, $2, 'SCHEDULED', $3, $4)";
  private static final String INSERT_ITEMS = """
      INSERT INTO drop_items (drop_id, product_id, stock, per_user_limit)
      SELECT $1, p, s, l FROM unnest($2::text[], $3::int[], $4::int[]) AS i(p, s, l)""";
  private static final String SELECT = """
      SELECT d.id, d.creator_id, d.status, d.starts_at, d.ends_at, d.version,
             i.product_id, i.stock, i.per_user_limit, p.name, p.price_cents, p.currency
        FROM drops d JOIN drop_items i ON i.drop_id = d.id JOIN products p ON p.id = i.product_id
       WHERE d.id = ANY($1) ORDER BY d.starts_at, d.id, i.product_id""";
  private static final String UPCOMING_FIRST = """
      SELECT id FROM drops WHERE status IN ('SCHEDULED', 'LIVE') ORDER BY starts_at, id LIMIT $1""";
  private static final String UPCOMING_NEXT = """
      SELECT id FROM drops WHERE status IN ('SCHEDULED', 'LIVE') AND (starts_at, id) > ($2, $3)
       ORDER BY starts_at, id LIMIT $1""";
  private static final String CANCEL = """
      UPDATE drops SET status = 'CANCELLED', version = version + 1, updated_at = now()
       WHERE id = $1 AND status = 'SCHEDULED' RETURNING id""";
  private static final String SOLD_OUT = """
      UPDATE drops SET status = 'SOLD_OUT', version = version + 1, updated_at = now()
       WHERE id = $1 AND status = 'LIVE' RETURNING id""";
  private static final String ADVANCE = """
      UPDATE drops SET status = CASE WHEN status = 'SCHEDULED' THEN 'LIVE' ELSE 'ENDED' END,
                       version = version + 1, synced_version = version + 1, updated_at = now()
       WHERE (status = 'SCHEDULED' AND starts_at <= now())
          OR (status = 'LIVE' AND ends_at IS NOT NULL AND ends_at <= now())
      RETURNING id""";
  private static final String BEHIND = """
      SELECT id FROM drops WHERE synced_version < version ORDER BY updated_at, id LIMIT $1""";
  private static final String MARK_SYNCED = """
      UPDATE drops SET synced_version = greatest(synced_version, $2) WHERE id = $1""";
  private static final String UNTIL_NEXT_DUE = """
      SELECT ceil(extract(epoch FROM least(
                (SELECT min(starts_at) FROM drops WHERE status = 'SCHEDULED'),
                (SELECT min(ends_at) FROM drops WHERE status = 'LIVE' AND ends_at IS NOT NULL),
                (SELECT min(updated_at) FROM drops WHERE synced_version < version)) - now()) * 1000)::bigint AS ms""";

  private final Pool pool;

  public PgDropStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<DropRecord> create(String dropId, String creatorId, JsonObject request) {
    JsonArray items = request.getJsonArray("items");
    int n = items.size();
    String[] products = new String[n];
    Integer[] stocks = new Integer[n];
    Integer[] limits = new Integer[n];
    for (int i = 0; i < n; i++) {
      JsonObject item = items.getJsonObject(i);
      products[i] = item.getString("productId");
      stocks[i] = item.getInteger("stock");
      limits[i] = item.getInteger("perUserLimit");
    }
    return pool.withTransaction(tx -> tx.preparedQuery(OWNED_PRODUCTS).execute(Tuple.tuple().addString(creatorId).addArrayOfString(products))
        .compose(owned -> owned.iterator().next().getLong(0) != n
            ? Future.failedFuture(new StampedeException(ErrorCode.VALIDATION_FAILED,
                "every productId must be one of your products"))
            : tx.preparedQuery(INSERT_DROP).execute(Tuple.of(dropId, creatorId, time(request.getString("startsAt")),
                time(request.getString("endsAt")))))
        .compose(v -> tx.preparedQuery(INSERT_ITEMS).execute(Tuple.tuple().addString(dropId).addArrayOfString(products)
            .addArrayOfInteger(stocks).addArrayOfInteger(limits)))
        .compose(v -> load(tx, List.of(dropId))))
        .map(drops -> drops.get(0));
  }

  @Override
  public Future<Optional<DropRecord>> find(String dropId) {
    return load(pool, List.of(dropId)).map(drops -> drops.stream().findFirst());
  }

  @Override
  public Future<List<DropRecord>> upcoming(JsonArray position, int limit) {
    Future<RowSet<Row>> ids = position == null
        ? pool.preparedQuery(UPCOMING_FIRST).execute(Tuple.of(limit))
        : pool.preparedQuery(UPCOMING_NEXT).execute(Tuple.of(limit, time(position.getString(0)), position.getString(1)));
    return ids.compose(rows -> load(pool, ids(rows)));
  }

  @Override
  public Future<Optional<DropRecord>> cancel(String dropId) {
    return pool.preparedQuery(CANCEL).execute(Tuple.of(dropId))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.<DropRecord>empty()) : find(dropId));
  }

  @Override
  public Future<Optional<DropRecord>> soldOut(String dropId) {
    return pool.preparedQuery(SOLD_OUT).execute(Tuple.of(dropId))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.<DropRecord>empty()) : find(dropId));
  }

  @Override
  public Future<List<DropRecord>> behindOrderService(int limit) {
    return pool.preparedQuery(BEHIND).execute(Tuple.of(limit)).compose(rows -> load(pool, ids(rows)));
  }

  @Override
  public Future<Void> markSynced(String dropId, long version) {
    return pool.preparedQuery(MARK_SYNCED).execute(Tuple.of(dropId, version)).mapEmpty();
  }

  @Override
  public Future<List<DropRecord>> advanceDue(Function<List<DropRecord>, Future<Void>> beforeCommit) {
    return pool.withTransaction(tx -> tx.query(ADVANCE).execute().compose(rows -> rows.size() == 0
        ? Future.succeededFuture(List.<DropRecord>of())
        : load(tx, ids(rows)).compose(changed -> beforeCommit.apply(changed).map(changed))));
  }

  @Override
  public Future<Optional<Duration>> untilNextDue() {
    return pool.query(UNTIL_NEXT_DUE).execute().map(rows -> {
      Long ms = rows.iterator().next().getLong("ms");
      return ms == null ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
    });
  }

  private static Future<List<DropRecord>> load(SqlClient client, List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return client.preparedQuery(SELECT).execute(Tuple.tuple().addArrayOfString(ids.toArray(String[]::new))).map(rows -> {
      Map<String, DropRecord> drops = new LinkedHashMap<>();
      for (Row r : rows) {
        DropRecord drop = drops.computeIfAbsent(r.getString("id"), id -> new DropRecord(new JsonObject()
            .put("id", id).put("creatorId", r.getString("creator_id")).put("status", r.getString("status"))
            .put("startsAt", r.getOffsetDateTime("starts_at").toInstant().toString())
            .put("endsAt", r.getOffsetDateTime("ends_at") == null ? null : r.getOffsetDateTime("ends_at").toInstant().toString())
            .put("items", new JsonArray()), r.getLong("version")));
        drop.drop().getJsonArray("items").add(new JsonObject()
            .put("productId", r.getString("product_id")).put("name", r.getString("name"))
            .put("priceCents", r.getLong("price_cents")).put("currency", r.getString("currency").trim())
            .put("stock", r.getInteger("stock")).put("perUserLimit", r.getInteger("per_user_limit")));
      }
      return new ArrayList<>(drops.values());
    });
  }

  private static List<String> ids(RowSet<Row> rows) {
    List<String> ids = new ArrayList<>();
    rows.forEach(r -> ids.add(r.getString("id")));
    return ids;
  }

  private static OffsetDateTime time(String iso) {
    return iso == null ? null : OffsetDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC);
  }
}
