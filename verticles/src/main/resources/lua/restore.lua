-- Rebuilds one drop's hot counters after Redis lost them. Every call first checks the drop's state
-- hash: once it exists the drop is live again and nothing here may touch its counters, so several
-- members rebuilding at once cannot overwrite what orders have done since.
-- KEYS[1] {drop:D}:state, KEYS[2..n] keys to restore (all {drop:D}); for commit KEYS[2] {drop:D}:inflight
-- ARGV[1] 'data' or 'commit'
--   data:   ARGV[2] ttl ms of idempotency records, then per key i>=2: ARGV[2i-1] kind, ARGV[2i] payload
--           kinds: item ('remaining|limit'), count (integer), record (idempotency record)
--   commit: ARGV[2] status, ARGV[3] version (writes the state hash in this master's epoch: orders are
--           accepted again)
if state_is_current(KEYS[1]) then
  return 0
end
if ARGV[1] == 'commit' then
  -- Reservations of the lost epoch that were not durable are not counted: forget them.
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'status', ARGV[2], 'version', ARGV[3], 'epoch', master_epoch())
  return 1
end
local ttl = tonumber(ARGV[2])
for i = 2, #KEYS do
  local kind = ARGV[2 * i - 1]
  local payload = ARGV[2 * i]
  if kind == 'item' then
    local remaining, limit = string.match(payload, '^(%-?%d+)|(%d+)$')
    redis.call('HSET', KEYS[i], 'remaining', remaining, 'limit', limit)
  elseif kind == 'count' then
    redis.call('SET', KEYS[i], payload)
  elseif kind == 'record' then
    redis.call('SET', KEYS[i], payload, 'PX', ttl)
  end
end
return 1
