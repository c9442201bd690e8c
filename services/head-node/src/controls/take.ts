// ----------------------------------------------------------------------------
// Taking pending control commands, atomically. When the head node consumes
// RESET_HEAD_NODE it is KEYS[1] and is taken alone if present, so commands sent
// with it stay for the head node after its restart; otherwise every control key
// is taken (GETDEL) in one step. A command is consumed once, whoever
// (notification or poll) looks first.
//   KEYS  control keys; ARGV1 '1' when KEYS[1] is RESET_HEAD_NODE
//   → {1, value} a reset was taken; {0, v1, v2, ...} values of KEYS (false/nil: none)
// ----------------------------------------------------------------------------
import type { ControlName } from '@rubin/ra-contract'
import { defineScript, type RedisHandle } from '@rubin/ra-runtime'

const TAKE = defineScript(
  'head-node-take-controls',
  `
if ARGV[1] == '1' then
  local reset = redis.call('GETDEL', KEYS[1])
  if reset then return {1, reset} end
end
local out = {0}
-- GETDEL answers false (not nil) for a missing key, so the reply keeps one slot per key.
for i = 1, #KEYS do out[i + 1] = redis.call('GETDEL', KEYS[i]) end
return out
`,
)

export interface TakenCommand {
  readonly name: ControlName
  readonly raw: string
}

/** Takes what is pending; `names` lists RESET_HEAD_NODE first when the head node consumes it. */
export async function takeControls(redis: RedisHandle, names: readonly ControlName[]): Promise<TakenCommand[]> {
  if (names.length === 0) return []
  const resetFirst = names[0] === 'RESET_HEAD_NODE'
  const keys = names.map((control) => redis.keys.key('control', { control }))
  const reply = (await TAKE.run(redis.client, keys, [resetFirst ? '1' : '0'])) as [number, ...(string | null)[]]
  if (reply[0] === 1) return [{ name: 'RESET_HEAD_NODE', raw: String(reply[1]) }]
  return names.flatMap((name, i) => {
    const raw = reply[i + 1]
    return typeof raw === 'string' ? [{ name, raw }] : []
  })
}
