package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.platform.infra.PostgresSetup;
import io.stampede.platform.infra.RedisSetup;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Guarantee 4, the periodic half: a counter that drifted from Postgres is put right, both ways. */
class ReconcilerIT {

  @RegisterExtension
  static final MemberExtension member = new MemberExtension(Map.of(
      ConfigKeys.ORDERS_RECONCILE_INTERVAL_MS.name(), "200",
      ConfigKeys.ORDERS_DRIFT_SETTLE_MS.name(), "1000"));

  private static Pool pool;
  private static Redis redis;

  @BeforeAll
  static void clients() {
    pool = PostgresSetup.pool(member.vertx(), member.node().config(), "reconciler-it");
    redis = RedisSetup.client(member.vertx(), member.node().config());
  }

  @AfterAll
  static void closeClients() {
    redis.close();
    pool.close();
  }

  @Test
  void strandedAndPhantomStockAreRepaired() {
    ApiClient api = member.api();
    String creator = api.signUp(ApiClient.unique("maker"), "creator").getString("userId");
    String token = api.signUp(ApiClient.unique("fan"), "fan").getString("accessToken");
    DropFixture drop = DropFixture.live(member.node(), pool, creator, 10, 5, 900);
    JsonObject body = new JsonObject().put("dropId", drop.dropId()).put("productId", drop.productId()).put("quantity", 2);
    String orderId = api.placeOrder(token, "drift-1", body).bodyAsJsonObject().getString("id");
    Poll.until("the order is durable", () -> Await.result(pool.preparedQuery(
        "SELECT count(*) FROM orders WHERE id = $1 AND status = 'CONFIRMED'").execute(Tuple.of(orderId)))
        .iterator().next().getLong(0) == 1);

    // Stranded: the counter says fewer units are left than Postgres accounts for (a lost release).
    setRemaining(drop, 3);
    Poll.until("the stranded units are back on sale", () -> remaining(drop) == 8);

    // Phantom: the counter says more is left than exists (it would oversell).
    setRemaining(drop, 9);
    Poll.until("the phantom unit is gone", () -> remaining(drop) == 8);

    assertThat(api.placeOrder(token, "drift-2", body).statusCode()).as("orders flow after a repair").isEqualTo(201);
    assertThat(remaining(drop)).isEqualTo(6);
  }

  private static String itemKey(DropFixture drop) {
    return member.node().config().get(ConfigKeys.REDIS_KEY_PREFIX) + "{drop:" + drop.dropId() + "}:item:" + drop.productId();
  }

  private static void setRemaining(DropFixture drop, int value) {
    Await.result(redis.send(Request.cmd(Command.HSET).arg(itemKey(drop)).arg("remaining").arg(value)));
  }

  private static int remaining(DropFixture drop) {
    return Await.result(redis.send(Request.cmd(Command.HGET).arg(itemKey(drop)).arg("remaining"))).toInteger();
  }
}
