-- Records a drop's status for the hot path, in this master's epoch. A state hash left from an
-- earlier epoch is not revived: it is deleted and the reconciler rebuilds the drop from Postgres.
-- An older version never replaces a newer one: two states of a drop are written concurrently (the
-- order service checks versions in memory, then writes Redis in several steps), and the older
-- write may arrive last.
-- KEYS[1] {drop:D}:state   ARGV[1] status, ARGV[2] version
if redis.call('EXISTS', KEYS[1]) == 1 and not state_is_current(KEYS[1]) then
  return 0
end
if tonumber(redis.call('HGET', KEYS[1], 'version') or '0') > tonumber(ARGV[2]) then
  return 0
end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'version', ARGV[2], 'epoch', master_epoch())
return 1
