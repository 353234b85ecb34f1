package io.stampede.perf;

import java.util.Map;
import java.util.UUID;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The design most flash sales start from, for perf/alternatives.sh: no cache, no broker, every order
 * one Postgres transaction that locks the item's row, checks the idempotency key, the stock and the
 * buyer's limit, takes the units and inserts the order, all in one round trip (a PL/pgSQL function,
 * so each check sees what committed before the lock was granted). It is exactly-once and never
 * oversells, and it answers CONFIRMED at once; the price is that every order of an item waits for
 * the one before it to commit. Generous to the alternative: the buyer is whoever the bearer token
 * names (the token is not verified) and there is no rate limit, schema validation or real time.
 *
 * <p>{@code --port=P --database=D [--pool=16] [--synchronous-commit=on|off]}: with {@code off} a
 * commit returns before its WAL reaches the disk (as Kafka's acknowledgement does before an fsync).
 * It answers {@code POST /orders} with the body and headers Stampede takes, for the item created by
 * {@code --drop=… --product=… --stock=N} at start.
 */
public final class RowLockShop extends VerticleBase {

  private static final String SCHEMA = """
      CREATE TABLE IF NOT EXISTS items (drop_id text, product_id text, remaining int NOT NULL, per_user_limit int NOT NULL,
        PRIMARY KEY (drop_id, product_id));
      CREATE TABLE IF NOT EXISTS held (user_id text, drop_id text, units int NOT NULL, PRIMARY KEY (user_id, drop_id));
      CREATE TABLE IF NOT EXISTS orders (id uuid PRIMARY KEY, user_id text NOT NULL, idempotency_key text NOT NULL,
        drop_id text NOT NULL, product_id text NOT NULL, quantity int NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, idempotency_key));
      CREATE OR REPLACE FUNCTION place_order(p_drop text, p_product text, p_qty int, p_user text, p_key text, p_id uuid)
        RETURNS TABLE (outcome text, order_id uuid) LANGUAGE plpgsql AS $$
      DECLARE
        v_remaining int; v_limit int; v_prior uuid;
      BEGIN
        SELECT remaining, per_user_limit INTO v_remaining, v_limit FROM items
         WHERE drop_id = p_drop AND product_id = p_product FOR UPDATE;
        IF NOT FOUND THEN RETURN QUERY SELECT 'NOT_FOUND', NULL::uuid; RETURN; END IF;
        SELECT id INTO v_prior FROM orders WHERE user_id = p_user AND idempotency_key = p_key;
        IF FOUND THEN RETURN QUERY SELECT 'REPLAYED', v_prior; RETURN; END IF;
        IF v_remaining < p_qty THEN RETURN QUERY SELECT 'SOLD_OUT', NULL::uuid; RETURN; END IF;
        IF p_qty > v_limit THEN RETURN QUERY SELECT 'PER_USER_LIMIT', NULL::uuid; RETURN; END IF;
        INSERT INTO held AS h VALUES (p_user, p_drop, p_qty)
          ON CONFLICT (user_id, drop_id) DO UPDATE SET units = h.units + p_qty WHERE h.units + p_qty <= v_limit;
        IF NOT FOUND THEN RETURN QUERY SELECT 'PER_USER_LIMIT', NULL::uuid; RETURN; END IF;
        UPDATE items SET remaining = remaining - p_qty WHERE drop_id = p_drop AND product_id = p_product;
        INSERT INTO orders (id, user_id, idempotency_key, drop_id, product_id, quantity)
          VALUES (p_id, p_user, p_key, p_drop, p_product, p_qty);
        RETURN QUERY SELECT 'PLACED', p_id;
      END $$;
      """;
  private static final String PLACE = "SELECT outcome, order_id FROM place_order($1, $2, $3, $4, $5, $6)";
  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;
  private final int port;

  private RowLockShop(Pool pool, int port) {
    this.pool = pool;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1").setHttp2ClearTextEnabled(true))
        .requestHandler(request -> request.body().onSuccess(body -> answer(request, body)))
        .listen();
  }

  private void answer(HttpServerRequest request, Buffer body) {
    String user = request.getHeader("Authorization");
    String key = request.getHeader("Idempotency-Key");
    JsonObject order;
    try {
      order = body.toJsonObject();
    } catch (DecodeException e) {
      order = null;
    }
    if (!"POST".equals(request.method().name()) || !"/orders".equals(request.path())) {
      request.response().setStatusCode(404).end();
      return;
    }
    if (user == null || key == null || order == null || !(order.getValue("quantity") instanceof Integer quantity)
        || order.getString("dropId") == null || order.getString("productId") == null) {
      request.response().setStatusCode(400).end();
      return;
    }
    Tuple args = Tuple.of(order.getString("dropId"), order.getString("productId"), quantity, user, key, UUID.randomUUID());
    place(args, true).onComplete(done -> {
      if (done.failed()) {
        request.response().setStatusCode(503).end();
        return;
      }
      Row row = done.result();
      String outcome = row.getString("outcome");
      int status = switch (outcome) {
        case "PLACED", "REPLAYED" -> 201;
        case "NOT_FOUND" -> 404;
        default -> 409;
      };
      JsonObject answer = status == 201
          ? new JsonObject().put("id", row.getUUID("order_id").toString()).put("status", "CONFIRMED")
          : new JsonObject().put("code", outcome);
      request.response().setStatusCode(status).putHeader("content-type", "application/json").end(answer.toBuffer());
    });
  }

  /** The same key for another item at the same instant takes another row lock: its insert loses, then it replays. */
  private Future<Row> place(Tuple args, boolean again) {
    return pool.preparedQuery(PLACE).execute(args).map(rows -> rows.iterator().next())
        .recover(e -> again && e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? place(args, false) : Future.failedFuture(e));
  }

  public static void main(String[] args) {
    Map<String, String> given = Flags.parse(args);
    int port = Integer.parseInt(given.getOrDefault("port", "18092"));
    int stock = Integer.parseInt(given.getOrDefault("stock", "5000000"));
    PgConnectOptions connect = new PgConnectOptions().setHost("127.0.0.1").setPort(5432).setUser("postgres")
        .setDatabase(given.getOrDefault("database", "postgres")).setCachePreparedStatements(true);
    connect.addProperty("synchronous_commit", given.getOrDefault("synchronous-commit", "on"));
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(Integer.parseInt(given.getOrDefault("pool", "16")))
        .setMaxWaitQueueSize(-1)).connectingTo(connect).using(vertx).build();
    pool.query(SCHEMA).execute()
        .compose(done -> pool.preparedQuery("INSERT INTO items VALUES ($1, $2, $3, $3) ON CONFLICT DO NOTHING")
            .execute(Tuple.of(given.get("drop"), given.get("product"), stock)))
        .compose(done -> vertx.deployVerticle(() -> new RowLockShop(pool, port),
            new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())))
        .compose(id -> pool.query("SHOW synchronous_commit").execute())
        .onSuccess(shown -> System.out.println("row-lock shop ready on " + port + ", synchronous_commit="
            + shown.iterator().next().getString(0)))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }
}
