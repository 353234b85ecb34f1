package io.stampede.users.store;

import java.util.List;
import java.util.Optional;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Public profiles and the follow graph. */
public interface UserProfiles {

  /** The public {@code User}, with follower and following counts counted from the graph. */
  Future<Optional<JsonObject>> user(String userId);

  /** Updates the given fields; empty when the user does not exist. */
  Future<Optional<JsonObject>> update(String userId, String displayName, String bio);

  /** Idempotent; false when the followee does not exist. */
  Future<Boolean> follow(String followerId, String followeeId);

  /** Idempotent. */
  Future<Void> unfollow(String followerId, String followeeId);

  /** {@code UserSummary}s of who follows {@code userId}, newest first, after {@code position} ({@code [at, id]}). */
  Future<List<JsonObject>> followers(String userId, JsonArray position, int limit);

  /** {@code UserSummary}s of whom {@code userId} follows, newest first. */
  Future<List<JsonObject>> following(String userId, JsonArray position, int limit);
}
