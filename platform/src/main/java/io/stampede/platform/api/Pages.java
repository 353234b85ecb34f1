package io.stampede.platform.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Pagination as API.md has it: {@code ?limit=} (1..100, default 20) and an opaque {@code ?cursor=}
 * that encodes where the previous page stopped (keyset, so pages stay stable while rows are added).
 */
public final class Pages {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  private Pages() {
  }

  public static int limit(JsonObject query) {
    String raw = query.getString("limit");
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Inputs.invalid("limit must be an integer from 1 to " + MAX_LIMIT);
  }

  /** The position a cursor names, or null for the first page. */
  public static JsonArray cursor(JsonObject query) {
    String raw = query.getString("cursor");
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return new JsonArray(new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | DecodeException e) {
      throw Inputs.invalid("cursor is not one this API gave out");
    }
  }

  public static String encode(JsonArray position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code {items, nextCursor}}; {@code nextCursor} is null on the last page. */
  public static JsonObject page(List<JsonObject> items, int limit, JsonArray nextPosition) {
    return new JsonObject().put("items", new JsonArray(List.copyOf(items)))
        .put("nextCursor", items.size() < limit || nextPosition == null ? null : encode(nextPosition));
  }
}
