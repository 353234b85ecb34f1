package io.stampede.orders.reconcile;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** What Postgres says about a drop's items: their stock, and the units their durable orders hold. */
interface ItemLedger {

  /** The drop's items and their stock, by product id. */
  Future<Map<String, Integer>> stocks(String dropId);

  /**
   * Units of the item that durable, uncancelled orders hold. A sum over the item's orders: its cost
   * grows with them (a parallel scan of about 60 ms for 450,000 orders), so callers ask only when
   * the answer can matter.
   */
  Future<Long> held(String dropId, String productId);

  static ItemLedger postgres(Pool pool) {
    return new ItemLedger() {
      @Override
      public Future<Map<String, Integer>> stocks(String dropId) {
        return pool.preparedQuery("SELECT product_id, stock FROM drop_items WHERE drop_id = $1")
            .execute(Tuple.of(dropId)).map(rows -> {
              Map<String, Integer> stocks = new LinkedHashMap<>();
              for (Row item : rows) {
                stocks.put(item.getString("product_id"), item.getInteger("stock"));
              }
              return stocks;
            });
      }

      @Override
      public Future<Long> held(String dropId, String productId) {
        return pool.preparedQuery("""
                SELECT coalesce(sum(quantity), 0) FROM orders
                 WHERE drop_id = $1 AND product_id = $2 AND status <> 'CANCELLED'""")
            .execute(Tuple.of(dropId, productId)).map(rows -> rows.iterator().next().getLong(0));
      }
    };
  }
}
