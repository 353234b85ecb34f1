package io.stampede.auth.keys;

import io.vertx.core.json.JsonObject;

/** A key that verifies access tokens, and signs them when its private half is here. */
public record SigningKey(String kid, JsonObject publicJwk, JsonObject privateJwk) {

  public boolean canSign() {
    return privateJwk != null;
  }
}
