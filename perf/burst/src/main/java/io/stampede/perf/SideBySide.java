package io.stampede.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The set-up and the audit of the side-by-side benchmark (perf/sidebyside.sh), through the public
 * API. {@code prepare --port=P --fans=N --stock=S --out=DIR}: a live drop, N signed-in fans, and
 * for the load tools {@code DIR/tokens.txt}, {@code DIR/order.json} and {@code DIR/env}.
 * {@code check --port=P --out=DIR --answered201=K}: units sold = stock − remaining = orders listed, K ≤ sold ≤ K + in-flight, every
 * order CONFIRMED, no fan's key with two orders.
 */
public final class SideBySide {

  private SideBySide() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> given = Flags.parse(args);
    int port = Integer.parseInt(given.getOrDefault("port", "18080"));
    Path out = Path.of(given.getOrDefault("out", "target/sidebyside"));
    Vertx vertx = Vertx.vertx();
    try {
      WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
      BurstApi api = new BurstApi(web);
      if ("prepare".equals(args[0])) {
        prepare(api, out, Integer.parseInt(given.getOrDefault("fans", "200")),
            Integer.parseInt(given.getOrDefault("stock", "5000000")));
      } else {
        check(api, out, Long.parseLong(given.get("answered201")), Long.parseLong(given.getOrDefault("in-flight", "0")));
      }
    } finally {
      vertx.close().await();
    }
  }

  private static void prepare(BurstApi api, Path out, int fans, int stock) throws IOException, InterruptedException {
    JsonObject creator = api.signUp("sbs_creator", "creator").await();
    String productId = api.createProduct(creator);
    String dropId = api.createDrop(creator, productId, Instant.now().plusSeconds(3), stock, stock);
    List<String> tokens = api.signUpFans(fans, 32);
    api.awaitStatus(dropId, "LIVE", 20_000);
    Files.createDirectories(out);
    Files.write(out.resolve("tokens.txt"), tokens);
    Files.writeString(out.resolve("order.json"),
        new JsonObject().put("dropId", dropId).put("productId", productId).put("quantity", 1).encode());
    Files.writeString(out.resolve("env"), "DROP_ID=" + dropId + "\nSTOCK=" + stock + "\n");
    System.out.printf("prepared drop %s (stock %d) and %d fans%n", dropId, stock, fans);
  }

  /**
   * wrk stops counting at the end of its run while up to one request per connection is still on
   * the wire: those orders were made (and must be durable) but their 201 was never counted.
   */
  private static void check(BurstApi api, Path out, long answered201, long inFlight) throws IOException {
    List<String> tokens = Files.readAllLines(out.resolve("tokens.txt"));
    JsonObject order = new JsonObject(Files.readString(out.resolve("order.json")));
    String dropId = order.getString("dropId");
    JsonObject drop = api.drop(dropId);
    JsonObject item = drop.getJsonArray("items").getJsonObject(0);
    long sold = item.getLong("stock") - item.getLong("remaining");
    long[] counts = ordersOf(api, tokens, dropId);
    boolean correct = sold >= answered201 && sold <= answered201 + inFlight && counts[0] == sold && counts[1] == counts[0];
    System.out.printf("units sold %d (stock − remaining); 201 answers counted %d (+ at most %d cut off in flight); "
        + "orders listed %d; CONFIRMED %d; %s%n", sold, answered201, inFlight, counts[0], counts[1],
        correct ? "CORRECT" : "MISMATCH");
    if (!correct) {
      System.exit(2);
    }
  }

  /** {orders of this drop over all fans, of which CONFIRMED}, waiting up to 60 s for the persister. */
  private static long[] ordersOf(BurstApi api, List<String> tokens, String dropId) {
    long deadline = System.currentTimeMillis() + 60_000;
    long[] counts;
    do {
      counts = new long[2];
      for (String token : tokens) {
        List<JsonObject> mine = api.allOrders(token);
        for (JsonObject o : mine) {
          if (dropId.equals(o.getString("dropId"))) {
            counts[0]++;
            if ("CONFIRMED".equals(o.getString("status"))) {
              counts[1]++;
            }
          }
        }
      }
    } while (counts[1] < counts[0] && System.currentTimeMillis() < deadline);
    return counts;
  }
}
