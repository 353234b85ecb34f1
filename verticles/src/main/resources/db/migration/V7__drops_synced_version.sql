-- The version of each drop the order service has acknowledged. The scheduler's changes (go-live,
-- end) are synced inside their own transaction, so they commit with it. The API's changes (create,
-- cancel, sold out) are synced after their commit; when that sync does not get through, the drop
-- stays behind (synced_version < version) and every scheduler round syncs it again until it does.
-- Drops that exist already were synced the old way; they count as synced.
ALTER TABLE drops ADD COLUMN synced_version bigint NOT NULL DEFAULT 0;
UPDATE drops SET synced_version = version;
CREATE INDEX drops_behind_order_service ON drops (updated_at, id) WHERE synced_version < version;
