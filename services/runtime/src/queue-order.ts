// ----------------------------------------------------------------------------
// Worker queues are kept ordered newest exposure first (the head is what a worker
// takes next), whoever writes to them and in whatever order: a burst the head
// node dispatches newest-first would otherwise land oldest-on-top, and a payload
// re-queued after a crash would jump ahead of newer work. Restart payloads (no
// exposure) rank above everything; among equals the last pushed is on top, as LPUSH
// would do. Lua to embed in any script that enqueues.
// ----------------------------------------------------------------------------

/**
 * Defines `ra_queue_insert(key, item)` (returns the new length) and `ra_rank(item)`.
 * The rank is read textually: cjson would turn 13-digit ids into floats.
 */
export const QUEUE_INSERT_LUA = `
local function ra_rank(item)
  local id = string.match(item, '"exposure"%s*:%s*(%d+)') or string.match(item, '"visit"%s*:%s*(%d+)')
  if id then return tonumber(id) end
  return math.huge
end
local function ra_queue_insert(key, item)
  local rank = ra_rank(item)
  local items = redis.call('LRANGE', key, 0, -1)
  for _, existing in ipairs(items) do
    if ra_rank(existing) <= rank then
      return redis.call('LINSERT', key, 'BEFORE', existing, item)
    end
  end
  return redis.call('RPUSH', key, item)
end
`
