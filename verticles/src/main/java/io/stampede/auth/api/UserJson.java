package io.stampede.auth.api;

import io.stampede.auth.store.UserStore.Account;
import io.vertx.core.json.JsonObject;

/** The public {@code User} of a freshly registered account. */
final class UserJson {

  private UserJson() {
  }

  static JsonObject of(Account a) {
    return new JsonObject()
        .put("id", a.id()).put("username", a.username()).put("displayName", a.displayName()).put("bio", a.bio())
        .put("role", a.role()).put("followers", 0).put("following", 0).put("createdAt", a.createdAt().toString());
  }
}
