-- The hot path remembers keys per drop (the drop's Redis slot) and claims them per user for as long
-- as Redis keeps the claim (the idempotency TTL). A key reused for another drop after that claim is
-- gone must still end as a stored order, never as a 201 the persister has to drop: so the durable
-- unique key includes the drop. A replay of the same request (same drop) still finds its one order.
ALTER TABLE orders DROP CONSTRAINT orders_user_id_idempotency_key_key;
ALTER TABLE orders ADD CONSTRAINT orders_user_drop_idempotency_key UNIQUE (user_id, drop_id, idempotency_key);
