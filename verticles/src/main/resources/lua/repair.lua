-- The reconciler found a drop item's counter away from what Postgres says, and the difference held
-- still for the whole settle window. Set it only if nothing moved it since that observation, and
-- only while no reservation of the drop is in flight: an orphaned reservation is settled by the
-- reconciler's in-flight sweep (which gives its units back itself), never counted twice.
-- KEYS[1] {drop:D}:item:P   KEYS[2] {drop:D}:inflight
-- ARGV[1] the remaining value observed, ARGV[2] the repaired value
if redis.call('ZCARD', KEYS[2]) > 0 then
  return 0
end
local now = redis.call('HGET', KEYS[1], 'remaining')
if now ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'remaining', ARGV[2])
return 1
