package io.stampede.auth.keys;

import java.nio.file.Path;
import java.time.Instant;

import io.stampede.auth.AuthSettings;
import io.stampede.auth.store.SigningKeyStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * The signing key and the published verification keys. In production the signing key comes from
 * {@code auth.signing-key-file} and only its public half is stored; in dev mode a key is generated
 * on first start and kept in Postgres. Every key not retired stays in the JWKS, so a new key can
 * sign while tokens signed by the previous one stay valid until they expire.
 */
public final class KeyRing {

  private final JWTAuth signer;
  private final SigningKey signing;
  private final SigningKeyStore store;

  private KeyRing(JWTAuth signer, SigningKey signing, SigningKeyStore store) {
    this.signer = signer;
    this.signing = signing;
    this.store = store;
  }

  public static Future<KeyRing> load(Vertx vertx, SigningKeyStore store, AuthSettings settings) {
    return ensureSigningKey(vertx, store, settings)
        .map(signing -> new KeyRing(JWTAuth.create(vertx, new JWTAuthOptions().addJwk(signing.privateJwk())), signing, store));
  }

  private static Future<SigningKey> ensureSigningKey(Vertx vertx, SigningKeyStore store, AuthSettings settings) {
    if (!settings.signingKeyFile().isEmpty()) {
      return vertx.executeBlocking(() -> EcKeys.fromPemFile(Path.of(settings.signingKeyFile()), settings.signingKeyId()))
          .compose(key -> store.add(new SigningKey(key.kid(), key.publicJwk(), null)).map(key));
    }
    return store.active().compose(active -> {
      var usable = active.stream().filter(SigningKey::canSign).findFirst();
      if (usable.isPresent()) {
        return Future.succeededFuture(usable.get());
      }
      SigningKey generated = EcKeys.generate("dev-" + Instant.now().getEpochSecond());
      // Members starting together may each generate one: every stored key verifies, the newest signs.
      return store.add(generated).compose(v -> store.active())
          .map(keys -> keys.stream().filter(SigningKey::canSign).findFirst().orElse(generated));
    });
  }

  public JWTAuth signer() {
    return signer;
  }

  /**
   * The JSON Web Key Set that verifies every token any auth member may have issued: every stored key
   * not retired, read afresh each time (reads are rare: gateway reloads and a rate-limited public
   * route), so a key another member just added is always included.
   */
  public Future<JsonObject> jwks() {
    return store.active().map(active -> {
      JsonArray keys = new JsonArray();
      active.forEach(k -> keys.add(k.publicJwk()));
      if (active.stream().noneMatch(k -> k.kid().equals(signing.kid()))) {
        keys.add(signing.publicJwk());
      }
      return new JsonObject().put("keys", keys);
    });
  }
}
