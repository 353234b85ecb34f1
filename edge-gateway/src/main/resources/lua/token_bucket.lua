-- One token bucket, taken atomically. Uses Redis's clock, so every gateway sees the same time.
-- KEYS[1]  the bucket
-- ARGV[1]  burst (capacity), ARGV[2] refill per second, ARGV[3] cost of this request
-- returns {allowed 0|1, tokens left (floor), ms until a token is there (0 if allowed), ms until full}
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)

local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
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
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
local untilFull = math.ceil((burst - tokens) * 1000 / rate)
redis.call('PEXPIRE', KEYS[1], untilFull + 1000)
return {allowed, math.floor(tokens), wait, untilFull}
