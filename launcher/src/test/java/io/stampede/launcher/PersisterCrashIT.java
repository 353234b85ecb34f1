package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 3 through a crash: the member whose persister has read a batch of orders from Kafka is
 * killed (SIGKILL) while its Postgres write hangs; the next persister writes every one of them, once.
 */
class PersisterCrashIT {

  private static final int ORDERS = 20;

  @Test
  void ordersReadButNotWrittenByAKilledPersisterAreWrittenOnceByTheNext() {
    Node edge = Members.start("gateway,auth,users,creators,drops,notifications",
        Map.of(ConfigKeys.RATELIMIT_ORDERS_USER.name(), "1000/1000"));
    Vertx vertx = Vertx.vertx();
    Pool pool = PostgresSetup.pool(vertx, edge.config(), "persister-crash-it");
    Node successor = null;
    try (ChildMember doomed = ChildMember.join(edge, "orders", Map.of())) {
      ApiClient api = new ApiClient(vertx, edge);
      String creator = api.signUp(ApiClient.unique("maker"), "creator").getString("userId");
      String token = api.signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
      DropFixture drop = DropFixture.live(edge, pool, creator, 100, ORDERS, 1500);

      // Writes to orders hang from here on (reads do not), as if Postgres stalled mid-write.
      SqlConnection blocker = Await.result(pool.getConnection());
      var stall = Await.result(blocker.begin());
      Await.result(blocker.query("LOCK TABLE orders IN EXCLUSIVE MODE").execute());

      List<String> placed = new ArrayList<>();
      JsonObject body = new JsonObject().put("dropId", drop.dropId()).put("productId", drop.productId()).put("quantity", 1);
      for (int i = 0; i < ORDERS; i++) {
        HttpResponse<Buffer> answer = api.placeOrder(token, "crash-" + i, body);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
        placed.add(answer.bodyAsJsonObject().getString("id"));
      }
      Poll.until("the persister has read the orders and waits on its write", () -> waitingWriters(pool) > 0);
      // Not in Postgres yet: their buyer still reads each of them, PENDING, from the copy Redis keeps.
      for (String id : placed) {
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
      assertThat(confirmed(pool, drop.dropId())).as("nothing was written before the crash").isZero();

      successor = Members.join(edge, "orders");
      Poll.until("the next persister has written every order", () -> confirmed(pool, drop.dropId()) == ORDERS);
      var rows = Await.result(pool.preparedQuery("SELECT id FROM orders WHERE drop_id = $1").execute(Tuple.of(drop.dropId())));
      List<String> written = new ArrayList<>();
      rows.forEach(r -> written.add(r.getString("id")));
      assertThat(written).containsExactlyInAnyOrderElementsOf(placed);
      for (String id : placed) {
        assertThat(api.get("/orders/" + id, token).bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED");
      }
    } finally {
      Members.stop(successor);
      Members.stop(edge);
      pool.close();
      vertx.close();
    }
  }

  private static long waitingWriters(Pool pool) {
    return Await.result(pool.query("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
        + "WHERE d.datname = current_database() AND l.relation = 'orders'::regclass AND NOT l.granted").execute())
        .iterator().next().getLong(0);
  }

  private static long confirmed(Pool pool, String dropId) {
    return Await.result(pool.preparedQuery("SELECT count(*) FROM orders WHERE drop_id = $1 AND status = 'CONFIRMED'")
        .execute(Tuple.of(dropId))).iterator().next().getLong(0);
  }
}
