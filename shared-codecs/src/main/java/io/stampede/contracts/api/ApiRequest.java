package io.stampede.contracts.api;

import io.vertx.core.json.JsonObject;

/**
 * A public API request as the gateway hands it to a service over the event bus: the verified
 * caller (null when anonymous), path parameters, query parameters, the JSON body, and the
 * request's identity for logs. Headers a service needs (such as {@code Idempotency-Key}) travel
 * in {@code headers}, lower-cased.
 */
public record ApiRequest(Caller caller, JsonObject params, JsonObject query, JsonObject headers, JsonObject body,
                         String requestId, String clientIp) {

  public ApiRequest {
    params = params == null ? new JsonObject() : params;
    query = query == null ? new JsonObject() : query;
    headers = headers == null ? new JsonObject() : headers;
    body = body == null ? new JsonObject() : body;
  }

  public static ApiRequest of(Caller caller, JsonObject body) {
    return new ApiRequest(caller, null, null, null, body, null, null);
  }

  public String param(String name) {
    return params.getString(name);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("caller", caller == null ? null : caller.toJson())
        .put("params", params).put("query", query).put("headers", headers).put("body", body)
        .put("requestId", requestId).put("clientIp", clientIp);
  }

  public static ApiRequest fromJson(JsonObject json) {
    return new ApiRequest(Caller.fromJson(json.getJsonObject("caller")), json.getJsonObject("params"),
        json.getJsonObject("query"), json.getJsonObject("headers"), json.getJsonObject("body"),
        json.getString("requestId"), json.getString("clientIp"));
  }
}
