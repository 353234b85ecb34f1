package io.stampede.launcher;

import static io.stampede.launcher.WsClient.orderStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.stampede.contracts.events.OrderPlaced;
import io.stampede.contracts.events.Topics;
import io.stampede.notifications.events.NotificationRelayVerticle;
import io.stampede.orders.store.pg.PgOrderStore;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 3 through a crash: the member whose persister has read a batch of orders from Kafka is
 * killed (SIGKILL) while its Postgres write hangs. The next persister writes every one of them,
 * once; and where the dead one's write had gone through but its announcements had not, the next
 * one announces them, so their buyer still hears CONFIRMED.
 */
class PersisterCrashIT {

  private static final int ORDERS = 20;

  private final Vertx vertx = Vertx.vertx();
  private Node edge;
  private Node successor;
  private Pool pool;
  private ApiClient api;
  private String token;
  private DropFixture drop;
  private final List<JsonObject> placed = new ArrayList<>();

  @BeforeEach
  void ordersCaughtInAHangingWriteWhenTheirPersisterIsKilled() {
    edge = Members.start("gateway,auth,users,creators,drops,notifications",
        Map.of(ConfigKeys.RATELIMIT_ORDERS_USER.name(), "1000/1000"));
    pool = PostgresSetup.pool(vertx, edge.config(), "persister-crash-it");
    try (ChildMember doomed = ChildMember.join(edge, "orders", Map.of())) {
      api = new ApiClient(vertx, edge);
      String creator = api.signUp(ApiClient.unique("maker"), "creator").getString("userId");
      token = api.signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
      drop = DropFixture.live(edge, pool, creator, 100, ORDERS, 1500);

      // Writes to orders hang from here on (reads do not), as if Postgres stalled mid-write.
      SqlConnection blocker = Await.result(pool.getConnection());
      var stall = Await.result(blocker.begin());
      Await.result(blocker.query("LOCK TABLE orders IN EXCLUSIVE MODE").execute());

      JsonObject body = new JsonObject().put("dropId", drop.dropId()).put("productId", drop.productId()).put("quantity", 1);
      for (int i = 0; i < ORDERS; i++) {
        HttpResponse<Buffer> answer = api.placeOrder(token, key(i), body);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
        placed.add(answer.bodyAsJsonObject());
      }
      Poll.until("the persister has read the orders and waits on its write", () -> waitingWriters() > 0);
      // Not in Postgres yet: their buyer still reads each of them, PENDING, from the copy Redis keeps.
      for (String id : ids()) {
        HttpResponse<Buffer> read = api.get("/orders/" + id, token);
        assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
        assertThat(read.bodyAsJsonObject().getString("status")).isEqualTo("PENDING");
      }

      doomed.kill();
      // The dead member's hanging statement dies with it (Postgres would otherwise finish it later).
      Await.result(pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
          + "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()").execute());
      Await.result(stall.rollback());
      blocker.close();
    }
  }

  @AfterEach
  void stop() {
    Members.stop(successor);
    Members.stop(edge);
    pool.close();
    vertx.close();
  }

  @Test
  void ordersReadButNotWrittenByAKilledPersisterAreWrittenOnceByTheNext() {
    assertThat(confirmed()).as("nothing was written before the crash").isZero();

    successor = Members.join(edge, "orders");
    Poll.until("the next persister has written every order", () -> confirmed() == ORDERS);
    var rows = Await.result(pool.preparedQuery("SELECT id FROM orders WHERE drop_id = $1").execute(Tuple.of(drop.dropId())));
    List<String> written = new ArrayList<>();
    rows.forEach(r -> written.add(r.getString("id")));
    assertThat(written).containsExactlyInAnyOrderElementsOf(ids());
    for (String id : ids()) {
      assertThat(api.get("/orders/" + id, token).bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED");
    }
  }

  @Test
  void ordersAKilledPersisterWroteButNeverAnnouncedAreAnnouncedByTheNext() {
    // As if the dead persister's write had committed and it died before its order.updated went out.
    writeAsTheDeadPersisterWould();
    WebSocketClient sockets = WsClient.client(vertx, 1);
    WsClient buyer = WsClient.connect(sockets, edge.httpPort(), token);
    buyer.await("signed in", WsClient.type("authenticated"));

    successor = Members.join(edge, "orders");
    for (String id : ids()) {
      buyer.await("CONFIRMED for " + id, orderStatus(id, "CONFIRMED"));
    }
    assertThat(confirmed()).as("nothing written twice").isEqualTo(ORDERS);
    Poll.until("the notification service read every order event", () -> GroupLag.of(edge.kafkaBootstrap(),
        NotificationRelayVerticle.GROUP, List.of(Topics.ORDER_EVENTS)) == 0);
    for (String id : ids()) {
      assertThat(buyer.all(orderStatus(id, "CONFIRMED"))).as("told once").hasSize(1);
    }
    buyer.close();
    Await.result(sockets.close());
  }

  /** The write the dead persister would have made: the persister's own statement, for the orders placed. */
  private void writeAsTheDeadPersisterWould() {
    List<OrderPlaced> orders = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      JsonObject o = placed.get(i);
      orders.add(new OrderPlaced(o.getString("id"), o.getString("userId"), o.getString("dropId"), o.getString("productId"),
          o.getInteger("quantity"), o.getLong("priceCents"), o.getString("currency"), key(i), "hash-" + i,
          Instant.parse(o.getString("createdAt"))));
    }
    assertThat(Await.result(new PgOrderStore(pool).confirm(orders))).hasSize(ORDERS);
  }

  private List<String> ids() {
    return placed.stream().map(o -> o.getString("id")).toList();
  }

  private static String key(int i) {
    return "crash-" + i;
  }

  private long waitingWriters() {
    return Await.result(pool.query("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
        + "WHERE d.datname = current_database() AND l.relation = 'orders'::regclass AND NOT l.granted").execute())
        .iterator().next().getLong(0);
  }

  private long confirmed() {
    return Await.result(pool.preparedQuery("SELECT count(*) FROM orders WHERE drop_id = $1 AND status = 'CONFIRMED'")
        .execute(Tuple.of(drop.dropId()))).iterator().next().getLong(0);
  }
}
