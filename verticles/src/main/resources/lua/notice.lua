-- Delivers a notice at most once, and never after a later one of the same subject.
-- KEYS[1] the subject (an order, a drop, a notification); ARGV[1] the notice's rank (an order's
-- status in its life: PENDING 1, CONFIRMED 2, CANCELLED 3; a drop's version); ARGV[2] memory in ms.
-- Returns 1 when this notice should be delivered now, 0 when it (or a later one) already was.
local seen = tonumber(redis.call('GET', KEYS[1]) or '0')
if seen >= tonumber(ARGV[1]) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
