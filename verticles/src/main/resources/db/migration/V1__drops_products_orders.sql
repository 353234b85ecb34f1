-- The durable side of the hot path. Redis holds the live counters; these tables are the truth the
-- reconciler rebuilds them from. Every write is idempotent through a unique key.

CREATE TABLE users (
  id            text PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  display_name  text NOT NULL,
  bio           text NOT NULL DEFAULT '',
  role          text NOT NULL CHECK (role IN ('fan', 'creator')),
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
  id          text PRIMARY KEY,
  creator_id  text NOT NULL REFERENCES users (id),
  name        text NOT NULL,
  description text NOT NULL,
  price_cents bigint NOT NULL CHECK (price_cents >= 0),
  currency    char(3) NOT NULL,
  image_url   text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_by_creator ON products (creator_id, created_at DESC, id DESC);

CREATE TABLE drops (
  id         text PRIMARY KEY,
  creator_id text NOT NULL REFERENCES users (id),
  status     text NOT NULL CHECK (status IN ('SCHEDULED', 'LIVE', 'SOLD_OUT', 'ENDED', 'CANCELLED')),
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz,
  -- grows with every state change; syncs and events carry it so stale copies lose
  version    bigint NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX drops_upcoming ON drops (starts_at, id) WHERE status IN ('SCHEDULED', 'LIVE');

CREATE TABLE drop_items (
  drop_id        text NOT NULL REFERENCES drops (id) ON DELETE CASCADE,
  product_id     text NOT NULL REFERENCES products (id),
  stock          integer NOT NULL CHECK (stock BETWEEN 1 AND 10000000),
  per_user_limit integer NOT NULL CHECK (per_user_limit >= 1),
  PRIMARY KEY (drop_id, product_id)
);

CREATE TABLE orders (
  id              text PRIMARY KEY,
  user_id         text NOT NULL,
  drop_id         text NOT NULL,
  product_id      text NOT NULL,
  quantity        integer NOT NULL CHECK (quantity >= 1),
  price_cents     bigint NOT NULL,
  currency        char(3) NOT NULL,
  status          text NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED')),
  idempotency_key text NOT NULL,
  request_hash    text NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  -- guarantee 2: one order per (user, Idempotency-Key), forever
  UNIQUE (user_id, idempotency_key),
  FOREIGN KEY (drop_id, product_id) REFERENCES drop_items (drop_id, product_id)
);
CREATE INDEX orders_by_user ON orders (user_id, created_at DESC, id DESC);
CREATE INDEX orders_by_item ON orders (drop_id, product_id) WHERE status = 'CONFIRMED';
