-- Push targets. A token belongs to the device, so it moves to whoever registered it last.
CREATE TABLE devices (
  fcm_token  text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES users (id),
  platform   text NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX devices_by_user ON devices (user_id);

-- Events of the users service, written in the same transaction as the change they describe and
-- relayed to Kafka (user_events) in order, so a change and its event are never separated.
CREATE TABLE user_outbox (
  seq        bigserial PRIMARY KEY,
  topic      text NOT NULL,
  event_key  text NOT NULL,
  envelope   bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhooks (
  id         text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES users (id),
  url        text NOT NULL,
  events     text[] NOT NULL,
  secret     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX webhooks_by_user ON webhooks (user_id) WHERE deleted_at IS NULL;

-- The durable delivery queue: one row per (hook, event); only the oldest pending row of a hook is
-- sent, so a hook's deliveries arrive in order. lease_until keeps two members off the same row.
CREATE TABLE webhook_deliveries (
  id              text PRIMARY KEY,
  seq             bigserial NOT NULL,
  hook_id         text NOT NULL REFERENCES webhooks (id),
  event_id        text NOT NULL,
  body            text NOT NULL,
  status          text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until     timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  UNIQUE (hook_id, event_id)
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (hook_id, seq) WHERE status = 'PENDING';
