package io.stampede.perf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** The set-up and checking calls of the benchmark, through the public API only, blocking the main thread. */
final class BurstApi {

  private static final String PASSWORD = "burst-pa55word";

  private final WebClient web;
  private final String runId = Long.toString(System.currentTimeMillis(), 36);

  BurstApi(WebClient web) {
    this.web = web;
  }

  /** Registers and signs in a user: {@code {userId, accessToken}}. */
  Future<JsonObject> signUp(String name, String role) {
    String username = (name + "_" + runId).toLowerCase();
    return expect(web.post("/auth/register").sendJsonObject(new JsonObject().put("username", username)
        .put("password", PASSWORD).put("displayName", name).put("role", role)), 201)
        .compose(r -> expect(web.post("/auth/login").sendJsonObject(new JsonObject().put("username", username)
            .put("password", PASSWORD)), 200))
        .map(HttpResponse::bodyAsJsonObject);
  }

  List<String> signUpFans(int fans, int parallel) {
    List<String> tokens = new ArrayList<>();
    for (int from = 0; from < fans; from += parallel) {
      List<Future<JsonObject>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(fans, from + parallel); i++) {
        batch.add(signUp("fan" + i, "fan"));
      }
      Future.all(batch).map(all -> all.<JsonObject>list()).await()
          .forEach(t -> tokens.add(t.getString("accessToken")));
    }
    return tokens;
  }

  /** Every fan opens the app before the drop (their orders page): what a real drop sees, and it warms the gateway. */
  void openApp(List<String> tokens, int parallel) {
    for (int from = 0; from < tokens.size(); from += parallel) {
      List<Future<HttpResponse<Buffer>>> batch = new ArrayList<>();
      for (String token : tokens.subList(from, Math.min(tokens.size(), from + parallel))) {
        batch.add(expect(web.get("/orders").bearerTokenAuthentication(token).send(), 200));
      }
      Future.all(batch).await();
    }
  }

  String createProduct(JsonObject creator) {
    return expect(web.post("/creators/" + creator.getString("userId") + "/products")
        .bearerTokenAuthentication(creator.getString("accessToken"))
        .sendJsonObject(new JsonObject().put("name", "Burst tee").put("description", "benchmark")
            .put("priceCents", 2500).put("currency", "EUR")), 201)
        .await().bodyAsJsonObject().getString("id");
  }

  String createDrop(JsonObject creator, String productId, Instant startsAt, int stock, int perUserLimit) {
    JsonObject item = new JsonObject().put("productId", productId).put("stock", stock).put("perUserLimit", perUserLimit);
    return expect(web.post("/creators/" + creator.getString("userId") + "/drops")
        .bearerTokenAuthentication(creator.getString("accessToken"))
        .sendJsonObject(new JsonObject().put("startsAt", startsAt.toString()).put("items", new JsonArray().add(item))), 201)
        .await().bodyAsJsonObject().getString("id");
  }

  JsonObject drop(String dropId) {
    return expect(web.get("/drops/" + dropId).send(), 200).await().bodyAsJsonObject();
  }

  void awaitStatus(String dropId, String status, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!status.equals(drop(dropId).getString("status"))) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("drop " + dropId + " did not become " + status);
      }
      Thread.sleep(20);
    }
  }

  Future<String> orderStatus(String orderId, String token) {
    return expect(web.get("/orders/" + orderId).bearerTokenAuthentication(token).send(), 200)
        .map(r -> r.bodyAsJsonObject().getString("status"));
  }

  /** Every order of one fan, newest first, following the cursor. */
  List<JsonObject> allOrders(String token) {
    List<JsonObject> all = new ArrayList<>();
    String cursor = null;
    do {
      var request = web.get("/orders").bearerTokenAuthentication(token).addQueryParam("limit", "100");
      if (cursor != null) {
        request.addQueryParam("cursor", cursor);
      }
      JsonObject page = expect(request.send(), 200).await().bodyAsJsonObject();
      page.getJsonArray("items").forEach(o -> all.add((JsonObject) o));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    return all;
  }

  private static Future<HttpResponse<Buffer>> expect(Future<HttpResponse<Buffer>> call, int status) {
    return call.compose(r -> r.statusCode() == status ? Future.succeededFuture(r)
        : Future.failedFuture("expected " + status + ", got " + r.statusCode() + ": " + r.bodyAsString()));
  }
}
