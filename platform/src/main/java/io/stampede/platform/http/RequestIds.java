package io.stampede.platform.http;

import java.util.UUID;

import io.vertx.ext.web.RoutingContext;

/** Echoes {@code X-Request-Id} (or makes one) so a request can be found in every member's logs. */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String CONTEXT_KEY = "requestId";
  private static final int MAX_LENGTH = 128;

  private RequestIds() {
  }

  public static void handle(RoutingContext ctx) {
    String id = ctx.request().getHeader(HEADER);
    if (id == null || id.isBlank() || id.length() > MAX_LENGTH || !id.chars().allMatch(c -> c > 32 && c < 127)) {
      id = UUID.randomUUID().toString();
    }
    ctx.put(CONTEXT_KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }
}
