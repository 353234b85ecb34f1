-- In-flight reservations older than the lease (ms, by this Redis's clock): their member died or
-- gave up between the reservation and its answer. At most ARGV[2] of them.
-- KEYS[1] {drop:D}:inflight   ARGV[1] lease ms, ARGV[2] limit
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (nowMs - tonumber(ARGV[1])), 'LIMIT', 0, tonumber(ARGV[2]))
