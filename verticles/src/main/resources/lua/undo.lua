-- The order never became durable (Kafka refused it, or its member died before sending it): give the
-- stock back and forget the key, exactly once.
-- KEYS[1] {drop:D}:item:P  KEYS[2] {drop:D}:bought:P:U  KEYS[3] {drop:D}:idem:U:K  KEYS[4] {drop:D}:inflight
-- ARGV[1] order id, ARGV[2] request hash, ARGV[3] quantity, ARGV[4] the in-flight entry
redis.call('ZREM', KEYS[4], ARGV[4])
local record = redis.call('GET', KEYS[3])
if record ~= 'IN_FLIGHT|' .. ARGV[2] .. '|' .. ARGV[1] then
  return 0
end
local qty = tonumber(ARGV[3])
redis.call('HINCRBY', KEYS[1], 'remaining', qty)
redis.call('DECRBY', KEYS[2], qty)
redis.call('DEL', KEYS[3])
return 1
