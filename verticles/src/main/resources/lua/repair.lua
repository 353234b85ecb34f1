-- The reconciler found a drop item's counter away from what Postgres says, and the difference held
-- still for the whole settle window. Set it only if nothing moved it since that observation.
-- KEYS[1] {drop:D}:item:P   ARGV[1] the remaining value observed, ARGV[2] the repaired value
local now = redis.call('HGET', KEYS[1], 'remaining')
if now ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'remaining', ARGV[2])
return 1
