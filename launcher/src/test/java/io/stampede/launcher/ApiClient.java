package io.stampede.launcher;

import java.time.Instant;

import io.stampede.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A black-box client of one member's public HTTP port, blocking the test thread. */
final class ApiClient {

  private final WebClient web;

  ApiClient(Vertx vertx, Node node) {
    this.web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.httpPort()));
  }

  HttpResponse<Buffer> post(String path, JsonObject body) {
    return post(path, body, null);
  }

  HttpResponse<Buffer> post(String path, JsonObject body, String token) {
    return Await.result(withToken(web.post(path), token).sendJsonObject(body));
  }

  HttpResponse<Buffer> postRaw(String path, String contentType, Buffer body, String token) {
    var request = withToken(web.post(path), token);
    if (contentType != null) {
      request.putHeader("content-type", contentType);
    }
    return Await.result(request.sendBuffer(body));
  }

  /** {@code POST /orders} with an idempotency key. */
  HttpResponse<Buffer> placeOrder(String token, String idempotencyKey, JsonObject body) {
    return Await.result(withToken(web.post("/orders"), token).putHeader("Idempotency-Key", idempotencyKey)
        .sendJsonObject(body));
  }

  HttpResponse<Buffer> patch(String path, JsonObject body, String token) {
    return Await.result(withToken(web.patch(path), token).sendJsonObject(body));
  }

  HttpResponse<Buffer> delete(String path, String token) {
    return Await.result(withToken(web.delete(path), token).send());
  }

  HttpResponse<Buffer> get(String path, String token) {
    return Await.result(withToken(web.get(path), token).send());
  }

  /** Registers a user and signs in: the tokens. */
  JsonObject signUp(String username, String role) {
    var registered = post("/auth/register", new JsonObject().put("username", username).put("password", "pa55word!")
        .put("displayName", "User " + username).put("role", role));
    if (registered.statusCode() != 201) {
      throw new AssertionError("register failed: " + registered.bodyAsString());
    }
    return login(username, "pa55word!").bodyAsJsonObject();
  }

  HttpResponse<Buffer> login(String username, String password) {
    return post("/auth/login", new JsonObject().put("username", username).put("password", password));
  }

  private static HttpRequest<Buffer> withToken(HttpRequest<Buffer> request, String token) {
    return token == null ? request : request.bearerTokenAuthentication(token);
  }

  /** A product of {@code creator} (the tokens from {@link #signUp}): its id. */
  String createProduct(JsonObject creator, String name, long priceCents) {
    var created = post("/creators/" + creator.getString("userId") + "/products", new JsonObject().put("name", name)
        .put("description", "-").put("priceCents", priceCents).put("currency", "EUR"), creator.getString("accessToken"));
    if (created.statusCode() != 201) {
      throw new AssertionError("product not created: " + created.bodyAsString());
    }
    return created.bodyAsJsonObject().getString("id");
  }

  /** A drop of one product that goes live at {@code startsAt}: its id. */
  String scheduleDrop(JsonObject creator, String productId, Instant startsAt, int stock, int perUserLimit) {
    JsonObject drop = new JsonObject().put("startsAt", startsAt.toString()).put("items", new JsonArray()
        .add(new JsonObject().put("productId", productId).put("stock", stock).put("perUserLimit", perUserLimit)));
    var created = post("/creators/" + creator.getString("userId") + "/drops", drop, creator.getString("accessToken"));
    if (created.statusCode() != 201) {
      throw new AssertionError("drop not created: " + created.bodyAsString());
    }
    return created.bodyAsJsonObject().getString("id");
  }

  static String unique(String prefix) {
    return prefix + "_" + Long.toString(System.nanoTime(), 36);
  }
}
