package io.stampede.contracts.errors;

import io.vertx.core.json.JsonObject;

/** An RFC 9457 problem document as the public API returns it. */
public record Problem(ErrorCode code, String detail) {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://stampede.dev/problems/";

  public static Problem of(StampedeException e) {
    return new Problem(e.code(), e.detail());
  }

  public int status() {
    return code.status();
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("type", TYPE_BASE + code.name().toLowerCase().replace('_', '-'))
        .put("title", code.title())
        .put("status", code.status())
        .put("detail", detail == null ? code.title() : detail)
        .put("code", code.name());
  }
}
