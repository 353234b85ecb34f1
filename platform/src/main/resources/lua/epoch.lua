-- Shared prelude: the identity of the data set this Redis master serves. A restart or a replica's
-- promotion starts a new replication history (a new master_replid), and the writes the old master
-- had not yet passed on are gone. A drop's state hash records the epoch it was written in; when the
-- epoch differs, the drop's counters may have lost reservations and must be rebuilt, never trusted.
local function master_epoch()
  return string.match(redis.call('INFO', 'replication'), 'master_replid:(%w+)') or 'unknown'
end

-- True when the state hash at `key` exists and belongs to this epoch. A state of another epoch is
-- kept as it is, so nothing but the reconciler's rebuild (which rewrites it in this epoch) can make
-- the drop sell again: not a status sync, not a reseed. Until then the drop answers NOT_READY.
local function state_is_current(key)
  local epoch = redis.call('HGET', key, 'epoch')
  if epoch == false then
    return redis.call('EXISTS', key) == 1
  end
  if epoch ~= master_epoch() then
    return false
  end
  return true
end
