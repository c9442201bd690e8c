// ----------------------------------------------------------------------------
// The cluster manager's Lua scripts. Each moves one payload between two lists
// atomically (remove and push in one script), so there is never a moment when
// a payload is in neither list, and each first re-checks, inside Redis, the
// premise the loop decided on from its (already old) snapshot.
// Payload rewrites are textual and minimal ("attempt" +1, "specialMessage"):
// Lua's cjson would re-encode 13-digit exposure ids as floats.
// ----------------------------------------------------------------------------
import { defineScript, QUEUE_INSERT_LUA } from '@rubin/ra-runtime'

/**
 * Re-queue one payload from a dead worker's claimed list.
 * KEYS[1] dead worker's heartbeat, KEYS[2] its claimed list, KEYS[3] target queue,
 * KEYS[4] target's heartbeat, KEYS[5] dead worker's own queue.
 * ARGV[1] the payload text, ARGV[2] 'move' | 'drop', ARGV[3] specialMessage at the target,
 * ARGV[4] specialMessage on the own queue ('=' keeps it), ARGV[5] '1' to add 1 to "attempt".
 * Returns 'alive' (heartbeat back: the worker owns its claimed list again, nothing moved),
 * 'gone' (no longer claimed), 'dropped', 'target', or 'own' (the target died meanwhile,
 * or was the own queue).
 */
export const REQUEUE_LUA = `${QUEUE_INSERT_LUA}
if redis.call('EXISTS', KEYS[1]) == 1 then return 'alive' end
if redis.call('LREM', KEYS[2], -1, ARGV[1]) == 0 then return 'gone' end
if ARGV[2] == 'drop' then return 'dropped' end
local payload = ARGV[1]
if ARGV[5] == '1' then
  payload = string.gsub(payload, '"attempt"%s*:%s*(%d+)', function(n)
    return '"attempt":' .. string.format('%d', tonumber(n) + 1)
  end, 1)
end
local where, dest, special = 'target', KEYS[3], ARGV[3]
if KEYS[3] == KEYS[5] then
  where, special = 'own', ARGV[4]
elseif redis.call('EXISTS', KEYS[4]) == 0 then
  where, dest, special = 'own', KEYS[5], ARGV[4]
end
if special ~= '=' then
  payload = string.gsub(payload, '"specialMessage"%s*:%s*"[^"]*"', '"specialMessage":"' .. special .. '"', 1)
end
ra_queue_insert(dest, payload)
return where
`

/**
 * Move the oldest process payload of a long queue to a free worker.
 * KEYS[1] source queue, KEYS[2] target queue, KEYS[3] target's claimed list, KEYS[4] target's heartbeat.
 * ARGV[1] the source must hold at least this many payloads, ARGV[2] specialMessage at the target,
 * ARGV[3] how many payloads from the oldest end to look at.
 * Returns {'moved', original payload text}, or {reason} when nothing moved: 'short',
 * 'target-gone', 'target-busy', 'nothing' (only restart or unreadable payloads at the old end:
 * restarts belong to their worker, unreadable ones are for it to dead-letter).
 */
export const REBALANCE_LUA = `${QUEUE_INSERT_LUA}
local n = redis.call('LLEN', KEYS[1])
if n < tonumber(ARGV[1]) then return {'short'} end
if redis.call('EXISTS', KEYS[4]) == 0 then return {'target-gone'} end
if redis.call('LLEN', KEYS[2]) > 0 or redis.call('LLEN', KEYS[3]) > 0 then return {'target-busy'} end
for i = 1, math.min(n, tonumber(ARGV[3])) do
  local p = redis.call('LINDEX', KEYS[1], -i)
  local ok, decoded = pcall(cjson.decode, p)
  if ok and type(decoded) == 'table' and decoded['kind'] == 'process' then
    redis.call('LREM', KEYS[1], -1, p)
    local moved = string.gsub(p, '"specialMessage"%s*:%s*"[^"]*"', '"specialMessage":"' .. ARGV[2] .. '"', 1)
    ra_queue_insert(KEYS[2], moved)
    return {'moved', p}
  end
end
return {'nothing'}
`

export const requeueScript = defineScript('cluster-manager-requeue', REQUEUE_LUA)
export const rebalanceScript = defineScript('cluster-manager-rebalance', REBALANCE_LUA)
