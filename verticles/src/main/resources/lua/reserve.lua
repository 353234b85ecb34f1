-- The whole admission decision for one order, atomically, on one drop's hash slot.
-- KEYS[1] {drop:D}:state        hash: status, version
-- KEYS[2] {drop:D}:item:P        hash: remaining, limit
-- KEYS[3] {drop:D}:bought:P:U    units this user holds of this item
-- KEYS[4] {drop:D}:idem:U:K      the idempotency record of (user, key)
-- KEYS[5] {drop:D}:inflight      sorted set of reservations not yet completed, by reservation time (ms)
-- KEYS[6] {user:U}:idem:K        optional: the user's claim of the key across drops. Given only where
--                                 both slots are on one server (not on a Redis Cluster, where the
--                                 caller claims first with its own SET NX GET).
-- ARGV[1] request hash, ARGV[2] quantity, ARGV[3] order id, ARGV[4] idempotency ttl ms,
-- ARGV[5] 'user|product|quantity|hash|key': with the order id in front, this reservation's in-flight
--         entry (what the reconciler needs to settle it if its member dies before answering)
-- returns {outcome, detail}:
--   {'KEY_REUSED'}            KEYS[6] holds another request's hash: the key was used for another one
--   {'REPLAY', record}        the key was seen: the record decides (same hash: its answer; else 422)
--   {'NOT_READY'}             no counters for this drop (not seeded yet, Redis lost them, or they are
--                             of an earlier epoch: a failover or restart may have lost reservations)
--   {'DROP_NOT_LIVE', status} {'NO_ITEM'} {'LIMIT_EXCEEDED'} {'SOLD_OUT'}
--   {'RESERVED', remaining}   stock taken; the record says IN_FLIGHT until completed or undone
if KEYS[6] then
  local claimed = redis.call('SET', KEYS[6], ARGV[1], 'NX', 'GET', 'PX', ARGV[4])
  if claimed and claimed ~= ARGV[1] then
    return {'KEY_REUSED'}
  end
end
local record = redis.call('GET', KEYS[4])
if record then
  -- An IN_FLIGHT record whose entry is gone was left by a reservation that a rebuild of the counters
  -- did not count (its order never became durable): it no longer holds anything, so try afresh.
  local held = string.match(record, '^IN_FLIGHT|' .. ARGV[1] .. '|(.+)$')
  if not held or redis.call('ZSCORE', KEYS[5], held .. '|' .. ARGV[5]) then
    return {'REPLAY', record}
  end
end
if not state_is_current(KEYS[1]) then
  return {'NOT_READY'}
end
local status = redis.call('HGET', KEYS[1], 'status')
local hash = ARGV[1]
local qty = tonumber(ARGV[2])
local ttl = tonumber(ARGV[4])
local function refuse(outcome, detail)
  redis.call('SET', KEYS[4], 'DONE|' .. hash .. '|' .. outcome, 'PX', ttl)
  return {outcome, detail or ''}
end
-- A sold-out drop is still the drop it was: what it answers is SOLD_OUT, not DROP_NOT_LIVE.
if status ~= 'LIVE' and status ~= 'SOLD_OUT' then
  return refuse('DROP_NOT_LIVE', status)
end
local item = redis.call('HMGET', KEYS[2], 'remaining', 'limit')
local remaining = tonumber(item[1])
local limit = tonumber(item[2])
if remaining == nil or limit == nil then
  return {'NO_ITEM'}
end
local bought = tonumber(redis.call('GET', KEYS[3]) or '0')
if bought + qty > limit then
  return refuse('LIMIT_EXCEEDED')
end
if remaining < qty then
  return refuse('SOLD_OUT')
end
redis.call('HINCRBY', KEYS[2], 'remaining', -qty)
redis.call('INCRBY', KEYS[3], qty)
redis.call('SET', KEYS[4], 'IN_FLIGHT|' .. hash .. '|' .. ARGV[3], 'PX', ttl)
local now = redis.call('TIME')
redis.call('ZADD', KEYS[5], tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000), ARGV[3] .. '|' .. ARGV[5])
return {'RESERVED', tostring(remaining - qty)}
