-- A confirmed order was cancelled (decided once, in Postgres): its units go back on sale.
-- KEYS[1] {drop:D}:item:P   KEYS[2] {drop:D}:bought:P:U   ARGV[1] quantity
local qty = tonumber(ARGV[1])
redis.call('HINCRBY', KEYS[1], 'remaining', qty)
local left = redis.call('DECRBY', KEYS[2], qty)
if left < 0 then
  redis.call('SET', KEYS[2], 0)
end
return 1
