-- Token buckets, each taken atomically, all in one round trip. Uses Redis's clock, so every
-- gateway sees the same time. Each bucket is charged on its own (as separate calls would be).
-- KEYS[i]  the i-th bucket
-- ARGV[1]  cost of this request; then per bucket: burst (capacity), refill per second
-- returns, per bucket: allowed 0|1, tokens left (floor), ms until a token is there (0 if allowed), ms until full
local cost = tonumber(ARGV[1])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local answer = {}

for i, key in ipairs(KEYS) do
  local burst = tonumber(ARGV[2 * i])
  local rate = tonumber(ARGV[2 * i + 1])
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(state[1])
  local at = tonumber(state[2])
  if tokens == nil then
    tokens = burst
    at = now
  end
  tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)

  local allowed = 0
  local wait = 0
  if tokens >= cost then
    tokens = tokens - cost
    allowed = 1
  else
    wait = math.ceil((cost - tokens) * 1000 / rate)
  end
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', now)
  local untilFull = math.ceil((burst - tokens) * 1000 / rate)
  redis.call('PEXPIRE', key, untilFull + 1000)
  table.insert(answer, allowed)
  table.insert(answer, math.floor(tokens))
  table.insert(answer, wait)
  table.insert(answer, untilFull)
end
return answer
