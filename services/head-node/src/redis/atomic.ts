// ----------------------------------------------------------------------------
// One atomic, guarded write: a Lua script that runs a guard command first and
// applies the rest only if the guard changed something. The head node commits a
// fan-out as `LREM incomingClaimed` + everything else, and a gather as `XACK` +
// everything else, so a command re-sent after a Redis restart (ioredis re-sends
// what was unanswered, and the first send may have been applied) is a no-op the
// second time: exactly once, where a plain MULTI would push payloads twice.
//   KEYS  every key the batch touches
//   ARGV1 JSON {guard: [cmd, keyIndex, ...args], skipIfExists: [keyIndex...], ops: [[cmd, keyIndex, ...args]...]}
//   → 0 the guard removed nothing (already done), 2 a skipIfExists key exists (guard
//     applied, ops not), 1 applied.
// ----------------------------------------------------------------------------
import { defineScript, QUEUE_INSERT_LUA } from '@rubin/ra-runtime'
import type { Redis } from 'ioredis'

const LUA = `${QUEUE_INSERT_LUA}
local plan = cjson.decode(ARGV[1])
-- ENQUEUE: onto a worker queue at its place, newest exposure first (QUEUE_INSERT_LUA).
local allowed = {SADD=true, EXPIRE=true, SET=true, HSET=true, LREM=true, XACK=true, ENQUEUE=true}
-- Check every command before the first write: a Lua error does not undo earlier writes.
for _, op in ipairs(plan.ops) do
  if not allowed[op[1]] then error('atomic batch: command not allowed: ' .. tostring(op[1])) end
end
if not allowed[plan.guard[1]] then error('atomic batch: guard not allowed: ' .. tostring(plan.guard[1])) end
local function call(op)
  if op[1] == 'ENQUEUE' then return ra_queue_insert(KEYS[op[2]], op[3]) end
  return redis.call(op[1], KEYS[op[2]], unpack(op, 3))
end
if call(plan.guard) == 0 then return 0 end
for _, index in ipairs(plan.skipIfExists) do
  if redis.call('EXISTS', KEYS[index]) == 1 then return 2 end
end
for _, op in ipairs(plan.ops) do call(op) end
return 1
`

const SCRIPT = defineScript('head-node-atomic-batch', LUA)

export type BatchOutcome = 'applied' | 'already-done' | 'skipped'

type Op = [command: string, keyIndex: number, ...args: string[]]

export class AtomicBatch {
  readonly #keys: string[] = []
  #guard: Op | undefined
  readonly #skip: number[] = []
  readonly #ops: Op[] = []

  #index(key: string): number {
    const found = this.#keys.indexOf(key)
    if (found !== -1) return found + 1
    this.#keys.push(key)
    return this.#keys.length
  }

  #op(command: string, key: string, args: readonly (string | number)[]): Op {
    return [command, this.#index(key), ...args.map(String)]
  }

  /** LREM key 1 value: proceed only if the value was there (it is removed). */
  guardListRemove(key: string, value: string): this {
    this.#guard = this.#op('LREM', key, [1, value])
    return this
  }

  /** XACK stream group id: proceed only if the entry was still pending (it is acknowledged). */
  guardAck(stream: string, group: string, id: string): this {
    this.#guard = this.#op('XACK', stream, [group, id])
    return this
  }

  /** After the guard: stop (outcome `skipped`) if this key already exists. */
  skipIfExists(key: string): this {
    this.#skip.push(this.#index(key))
    return this
  }

  sadd(key: string, members: readonly (string | number)[], ttlSeconds?: number): this {
    if (members.length === 0) return this
    this.#ops.push(this.#op('SADD', key, members))
    if (ttlSeconds !== undefined) this.#ops.push(this.#op('EXPIRE', key, [ttlSeconds]))
    return this
  }

  /** Put a payload on a worker queue at its place: newest exposure first, restarts on top. */
  enqueue(key: string, payload: string): this {
    this.#ops.push(this.#op('ENQUEUE', key, [payload]))
    return this
  }

  set(key: string, value: string, ttlSeconds?: number): this {
    this.#ops.push(this.#op('SET', key, ttlSeconds === undefined ? [value] : [value, 'EX', ttlSeconds]))
    return this
  }

  hset(key: string, fields: Readonly<Record<string, string>>): this {
    const flat = Object.entries(fields).flat()
    if (flat.length > 0) this.#ops.push(this.#op('HSET', key, flat))
    return this
  }

  /** The script's KEYS and ARGV[1] (exposed for tests and logs). */
  encode(): { keys: readonly string[]; plan: string } {
    if (this.#guard === undefined) throw new Error('AtomicBatch: a guard is required')
    return { keys: this.#keys, plan: JSON.stringify({ guard: this.#guard, skipIfExists: this.#skip, ops: this.#ops }) }
  }

  async run(client: Redis): Promise<BatchOutcome> {
    const { keys, plan } = this.encode()
    const result = await SCRIPT.run(client, keys, [plan])
    return result === 1 ? 'applied' : result === 2 ? 'skipped' : 'already-done'
  }
}
