-- Refresh tokens are opaque and stored only as SHA-256 hashes. Each login starts a family; a
-- refresh spends one token and adds the next to the same family. Presenting a spent token again
-- means it was stolen or replayed: the whole family is revoked.
CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  family_id  text NOT NULL,
  user_id    text NOT NULL REFERENCES users (id),
  expires_at timestamptz NOT NULL,
  spent_at   timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);

-- Keys that sign access tokens. Every key not retired verifies; the newest signs. In dev mode the
-- auth service generates the first key; in production it loads the configured one.
CREATE TABLE signing_keys (
  kid         text PRIMARY KEY,
  private_jwk text,           -- null for a key loaded from a file: the private key never leaves it
  public_jwk  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  retired_at  timestamptz
);
