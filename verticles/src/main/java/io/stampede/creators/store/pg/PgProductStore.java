package io.stampede.creators.store.pg;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.stampede.creators.store.ProductStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Products in Postgres. */
public final class PgProductStore implements ProductStore {

  private static final String CREATOR = """
      SELECT u.id, u.display_name, u.bio, (SELECT count(*) FROM products p WHERE p.creator_id = u.id) AS products,
             (SELECT count(*) FROM follows f WHERE f.followee_id = u.id) AS followers
        FROM users u WHERE u.id = $1 AND u.role = 'creator'""";
  private static final String INSERT = """
      INSERT INTO products (id, creator_id, name, description, price_cents, currency, image_url, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  private static final String COLUMNS = "id, creator_id, name, description, price_cents, currency, image_url, created_at";
  private static final String FIRST_PAGE =
      "SELECT " + COLUMNS + " FROM products WHERE creator_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2";
  private static final String NEXT_PAGE = "SELECT " + COLUMNS + " FROM products WHERE creator_id = $1 "
      + "AND (created_at, id) < ($3, $4) ORDER BY created_at DESC, id DESC LIMIT $2";

  private final Pool pool;

  public PgProductStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<JsonObject>> creator(String creatorId) {
    return pool.preparedQuery(CREATOR).execute(Tuple.of(creatorId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new JsonObject().put("id", r.getString("id")).put("displayName", r.getString("display_name"))
          .put("bio", r.getString("bio")).put("followers", r.getLong("followers")).put("productCount", r.getLong("products")));
    });
  }

  @Override
  public Future<JsonObject> create(JsonObject p) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(p.getString("id"), p.getString("creatorId"), p.getString("name"),
            p.getString("description"), p.getLong("priceCents"), p.getString("currency"))
            .addString(p.getString("imageUrl"))
            .addOffsetDateTime(OffsetDateTime.ofInstant(Instant.parse(p.getString("createdAt")), ZoneOffset.UTC)))
        .map(p);
  }

  @Override
  public Future<List<JsonObject>> products(String creatorId, JsonArray position, int limit) {
    var query = position == null
        ? pool.preparedQuery(FIRST_PAGE).execute(Tuple.of(creatorId, limit))
        : pool.preparedQuery(NEXT_PAGE).execute(Tuple.of(creatorId, limit,
            OffsetDateTime.ofInstant(Instant.parse(position.getString(0)), ZoneOffset.UTC), position.getString(1)));
    return query.map(rows -> {
      List<JsonObject> products = new ArrayList<>();
      rows.forEach(r -> products.add(new JsonObject()
          .put("id", r.getString("id")).put("creatorId", r.getString("creator_id")).put("name", r.getString("name"))
          .put("description", r.getString("description")).put("priceCents", r.getLong("price_cents"))
          .put("currency", r.getString("currency").trim()).put("imageUrl", r.getString("image_url"))
          .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())));
      return products;
    });
  }
}
