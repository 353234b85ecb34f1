-- 1 when the drop's state hash exists and is of this master's epoch, else 0 (a stale one is kept: only the rebuild replaces it).
-- KEYS[1] {drop:D}:state
if state_is_current(KEYS[1]) then
  return 1
end
return 0
