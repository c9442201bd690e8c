// ----------------------------------------------------------------------------
// The worker's two atomic Redis steps (Lua, so no other worker or a Redis
// restart can see them half done):
//
// COMPLETE: a payload ended. Count the detector once (sets), take the payload
// off the claimed list, record its timing, and, if that made the finished set
// cover a non-empty expected set, win the SET NX guard and XADD exactly one
// GatherReady. Re-running it (a resent command after a Redis restart, a payload
// re-run after a crash) never writes a second timing or a second GatherReady.
//
// MOVE: take a claimed payload off the claimed list and push a (possibly
// rewritten) copy onto a queue, in one step: never in neither list, never in both.
// ----------------------------------------------------------------------------
import { redisKeyMaxLength, redisKeyTtl, STREAM_DATA_FIELD } from '@rubin/ra-contract'
import { defineScript } from '@rubin/ra-runtime'
import type { Redis } from 'ioredis'

// Optionally it also claims the next payload (LMOVE queue → claimed) and returns it: one round
// trip per payload in steady state, as BullMQ does when it finishes a job.
// KEYS: 1 claimed, 2 payloadTimings, [3 expected, 4 finished, 5 failed, 6 gatherDispatched, 7 completions],
//       then optionally the worker's queue to claim the next payload from
// ARGV: 1 payload as claimed (for LREM), 2 PayloadTiming JSON, 3 timings MAXLEN, 4 stream field,
//       [5 detector, 6 outcome, 7 completion TTL (s), 8 completions MAXLEN,
//        9 GatherReady JSON without `expected` and `failedDetectors` (they are counted here)]
// Returns { removed from claimed (0/1), GatherReady written (0/1), next payload claimed or nil }.
const COMPLETE_LUA = `
local step1a = #KEYS >= 7
local queue = nil
if step1a then queue = KEYS[8] else queue = KEYS[3] end
local function done(removed, gathered)
  local nxt = false
  if queue then nxt = redis.call('LMOVE', queue, KEYS[1], 'LEFT', 'RIGHT') end
  return {removed, gathered, nxt}
end
local removed = redis.call('LREM', KEYS[1], 1, ARGV[1])
if removed > 0 then
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', ARGV[4], ARGV[2])
end
if not step1a then return done(removed, 0) end
local detector = ARGV[5]
local ttl = tonumber(ARGV[7])
redis.call('SADD', KEYS[4], detector)
if ARGV[6] == 'finished' then
  redis.call('SREM', KEYS[5], detector)
else
  redis.call('SADD', KEYS[5], detector)
end
redis.call('EXPIRE', KEYS[3], ttl)
redis.call('EXPIRE', KEYS[4], ttl)
redis.call('EXPIRE', KEYS[5], ttl)
local expected = redis.call('SCARD', KEYS[3])
if expected == 0 then return done(removed, 0) end
if redis.call('SINTERCARD', 2, KEYS[3], KEYS[4]) < expected then return done(removed, 0) end
if not redis.call('SET', KEYS[6], '1', 'NX', 'EX', ttl) then return done(removed, 0) end
local ids = {}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[5])) do
  local n = tonumber(member)
  if n then table.insert(ids, n) end
end
table.sort(ids)
local parts = {}
for i, n in ipairs(ids) do parts[i] = string.format('%d', n) end
local gather = string.sub(ARGV[9], 1, -2) .. ',"expected":' .. string.format('%d', expected) ..
  ',"failedDetectors":[' .. table.concat(parts, ',') .. ']}'
redis.call('XADD', KEYS[7], 'MAXLEN', '~', ARGV[8], '*', ARGV[4], gather)
return done(removed, 1)
`

// KEYS: 1 claimed, 2 destination queue. ARGV: 1 payload as claimed, 2 payload to push, 3 'head' or 'tail'.
// Returns 1 if moved, 0 if it was no longer claimed (then nothing is pushed: a resend is harmless).
const MOVE_LUA = `
if redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then return 0 end
if ARGV[3] == 'head' then redis.call('LPUSH', KEYS[2], ARGV[2]) else redis.call('RPUSH', KEYS[2], ARGV[2]) end
return 1
`

export const completeScript = defineScript('worker-complete', COMPLETE_LUA)
export const moveScript = defineScript('worker-move-claimed', MOVE_LUA)

export interface CompletionKeys {
  readonly claimed: string
  readonly payloadTimings: string
}

export interface Step1aKeys {
  readonly expected: string
  readonly finished: string
  readonly failed: string
  readonly gatherDispatched: string
  readonly completions: string
}

export interface CompletionInput {
  readonly keys: CompletionKeys
  /** Claim the next payload from this queue in the same step (omit when stopping). */
  readonly claimNextFrom?: string
  readonly raw: string
  readonly timingJson: string
  /** Present for step1a payloads only. */
  readonly step1a?: {
    readonly keys: Step1aKeys
    readonly detector: number
    readonly outcome: 'finished' | 'failed' | 'skipped'
    /** GatherReady JSON with every field but `expected` and `failedDetectors`. */
    readonly gatherBaseJson: string
  }
}

// Expiry and stream trimming come from the contract's key table, not from here.
const TIMINGS_MAXLEN = redisKeyMaxLength('payloadTimings')
const COMPLETIONS_MAXLEN = redisKeyMaxLength('completions')
const COMPLETION_TTL_S = redisKeyTtl('finishedDetectors')

export async function complete(
  client: Redis,
  input: CompletionInput,
): Promise<{ removed: boolean; gathered: boolean; next: string | null }> {
  const keys = [input.keys.claimed, input.keys.payloadTimings]
  const args: (string | number)[] = [input.raw, input.timingJson, TIMINGS_MAXLEN, STREAM_DATA_FIELD]
  if (input.step1a) {
    const k = input.step1a.keys
    keys.push(k.expected, k.finished, k.failed, k.gatherDispatched, k.completions)
    args.push(
      String(input.step1a.detector),
      input.step1a.outcome,
      COMPLETION_TTL_S,
      COMPLETIONS_MAXLEN,
      input.step1a.gatherBaseJson,
    )
  }
  if (input.claimNextFrom !== undefined) keys.push(input.claimNextFrom)
  const [removed, gathered, next] = (await completeScript.run(client, keys, args)) as [number, number, string | null]
  return { removed: removed === 1, gathered: gathered === 1, next: next ?? null }
}

export async function moveClaimed(
  client: Redis,
  keys: { readonly claimed: string; readonly queue: string },
  raw: string,
  replacement: string,
  end: 'head' | 'tail',
): Promise<boolean> {
  return (await moveScript.run(client, [keys.claimed, keys.queue], [raw, replacement, end])) === 1
}
