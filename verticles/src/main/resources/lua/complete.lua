-- The reservation's order is durable in Kafka: store the answer the client got, for replays.
-- KEYS[1] {drop:D}:idem:U:K   KEYS[2] {drop:D}:inflight
-- KEYS[3] optional: the buyer's copy of the order (OrderCopies), written with the answer in this
--         same call. Given only where every key is on one server: on a Redis Cluster its slot is
--         another's, so the caller writes it with a command of its own.
-- ARGV[1] order id, ARGV[2] request hash, ARGV[3] answer, ARGV[4] ttl ms, ARGV[5] the in-flight entry,
-- ARGV[6] with KEYS[3]: the copy's ttl in seconds
-- returns 1 when the reservation was in flight and is now completed, else 0 (the copy is written either way)
if KEYS[3] then
  redis.call('SET', KEYS[3], ARGV[3], 'EX', ARGV[6])
end
redis.call('ZREM', KEYS[2], ARGV[5])
local record = redis.call('GET', KEYS[1])
if record ~= 'IN_FLIGHT|' .. ARGV[2] .. '|' .. ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], 'DONE|' .. ARGV[2] .. '|CREATED|' .. ARGV[3], 'PX', tonumber(ARGV[4]))
return 1
