package io.stampede.contracts.api;

import io.vertx.core.json.JsonObject;

/** A service's successful answer: the HTTP status and the JSON body ({@code null} for none). */
public record ApiReply(int status, Object body) {

  public static ApiReply ok(Object body) {
    return new ApiReply(200, body);
  }

  public static ApiReply created(Object body) {
    return new ApiReply(201, body);
  }

  public static ApiReply noContent() {
    return new ApiReply(204, null);
  }

  public JsonObject toJson() {
    return new JsonObject().put("status", status).put("body", body);
  }

  public static ApiReply fromJson(JsonObject json) {
    return new ApiReply(json.getInteger("status"), json.getValue("body"));
  }
}
