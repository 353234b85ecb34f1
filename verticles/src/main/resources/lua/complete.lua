-- The reservation's order is durable in Kafka: store the answer the client got, for replays.
-- KEYS[1] {drop:D}:idem:U:K   KEYS[2] {drop:D}:inflight
-- ARGV[1] order id, ARGV[2] request hash, ARGV[3] answer, ARGV[4] ttl ms, ARGV[5] the in-flight entry
redis.call('ZREM', KEYS[2], ARGV[5])
local record = redis.call('GET', KEYS[1])
if record ~= 'IN_FLIGHT|' .. ARGV[2] .. '|' .. ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], 'DONE|' .. ARGV[2] .. '|CREATED|' .. ARGV[3], 'PX', tonumber(ARGV[4]))
return 1
