package io.stampede.creators.store;

import java.util.List;
import java.util.Optional;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Creators' public profiles and their products. */
public interface ProductStore {

  /** The creator's public profile; empty for unknown users and fans. */
  Future<Optional<JsonObject>> creator(String creatorId);

  Future<JsonObject> create(JsonObject product);

  /** Newest first, after {@code position} ({@code [createdAt, id]} of the last row seen) when given. */
  Future<List<JsonObject>> products(String creatorId, JsonArray position, int limit);
}
