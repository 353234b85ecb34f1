package io.stampede.auth.store.pg;

import java.util.ArrayList;
import java.util.List;

import io.stampede.auth.keys.SigningKey;
import io.stampede.auth.store.SigningKeyStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Signing keys in Postgres. */
public final class PgSigningKeyStore implements SigningKeyStore {

  private static final String ACTIVE =
      "SELECT kid, public_jwk, private_jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, kid DESC";
  private static final String ADD =
      "INSERT INTO signing_keys (kid, public_jwk, private_jwk) VALUES ($1, $2, $3) ON CONFLICT (kid) DO NOTHING";

  private final Pool pool;

  public PgSigningKeyStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<SigningKey>> active() {
    return pool.query(ACTIVE).execute().map(rows -> {
      List<SigningKey> keys = new ArrayList<>();
      for (Row row : rows) {
        String priv = row.getString("private_jwk");
        keys.add(new SigningKey(row.getString("kid"), new JsonObject(row.getString("public_jwk")),
            priv == null ? null : new JsonObject(priv)));
      }
      return keys;
    });
  }

  @Override
  public Future<Void> add(SigningKey key) {
    return pool.preparedQuery(ADD).execute(Tuple.of(key.kid(), key.publicJwk().encode(),
        key.privateJwk() == null ? null : key.privateJwk().encode())).mapEmpty();
  }
}
