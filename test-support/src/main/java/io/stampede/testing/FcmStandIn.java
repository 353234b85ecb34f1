package io.stampede.testing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A local stand-in for the FCM HTTP v1 API ({@code POST /v1/projects/<p>/messages:send}): it keeps
 * every message it is sent, and answers tokens marked unregistered the way FCM does (404,
 * {@code UNREGISTERED}), so tests of push never reach the internet.
 */
public final class FcmStandIn implements AutoCloseable {

  private final HttpServer server;
  private final List<JsonObject> messages = new CopyOnWriteArrayList<>();
  private final Set<String> unregistered = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();

  private FcmStandIn(Vertx vertx) {
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  public static FcmStandIn start(Vertx vertx) {
    FcmStandIn standIn = new FcmStandIn(vertx);
    Await.result(standIn.server.listen(0, "127.0.0.1"));
    return standIn;
  }

  /** The base URL to configure as {@code push.fcm-endpoint}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** From now on, FCM "forgets" this token. */
  public void unregister(String token) {
    unregistered.add(token);
  }

  /** Every message received, as sent (the {@code message} object of the request). */
  public List<JsonObject> messages() {
    return List.copyOf(messages);
  }

  public List<JsonObject> messagesTo(String token) {
    return messages.stream().filter(m -> token.equals(m.getString("token"))).toList();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (!"POST".equals(request.method().name()) || !path.startsWith("/v1/projects/") || !path.endsWith("/messages:send")) {
      request.response().setStatusCode(404).end();
      return;
    }
    String project = path.substring("/v1/projects/".length(), path.length() - "/messages:send".length());
    request.body().onSuccess(body -> {
      JsonObject message = body.toJsonObject().getJsonObject("message", new JsonObject());
      messages.add(message);
      if (unregistered.contains(message.getString("token"))) {
        request.response().setStatusCode(404).putHeader("content-type", "application/json").end(unregisteredError());
      } else {
        request.response().putHeader("content-type", "application/json")
            .end(new JsonObject().put("name", "projects/" + project + "/messages/" + ids.incrementAndGet()).encode());
      }
    });
  }

  private static String unregisteredError() {
    return new JsonObject().put("error", new JsonObject().put("code", 404).put("message", "Requested entity was not found.")
        .put("status", "NOT_FOUND").put("details", new JsonArray().add(new JsonObject()
            .put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError").put("errorCode", "UNREGISTERED"))))
        .encode();
  }

  @Override
  public void close() {
    Await.result(server.close());
  }
}
