// ----------------------------------------------------------------------------
// ./ra control set: validate locally, SET the control key exactly as RubinTV
// does, then wait for the consumer's structured read-back on the
// controlReadbacks stream. The stream's last id is taken BEFORE the SET, so an
// older read-back for the same control is never mistaken for this one.
// ----------------------------------------------------------------------------
import {
  CONTROLS,
  type ControlName,
  type ControlReadback,
  controlKey,
  LEGACY_REJECTION_READBACK,
  parseControlValue,
} from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { entriesOf, type RedisHandle } from '@rubin/ra-runtime'

export type SetResult =
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'unwatched'; readonly value: string }
  | { readonly kind: 'timeout'; readonly message: string }
  | { readonly kind: 'readback'; readonly readback: ControlReadback }

/** Highest id in the stream now ('0-0' when empty or absent): read-backs after it answer our SET. */
async function lastId(redis: RedisHandle, stream: string): Promise<string> {
  const newest = await redis.client.xrevrange(stream, '+', '-', 'COUNT', 1)
  return newest[0]?.[0] ?? '0-0'
}

export async function setControl(
  redis: RedisHandle,
  name: ControlName,
  raw: string,
  timeoutMs: number,
): Promise<SetResult> {
  const parsed = parseControlValue(name, raw)
  if (!parsed.ok) return { kind: 'invalid', message: parsed.issues.map((i) => i.message).join('; ') }
  const spec = CONTROLS[name]
  const key = controlKey(name, redis.keys.prefix)
  if (spec.semantics === 'read') {
    await redis.client.set(key, raw)
    return { kind: 'unwatched', value: String(parsed.value) }
  }
  const stream = redis.keys.key('controlReadbacks')
  let from = await lastId(redis, stream)
  // RubinTV writes the operator's text as is; the consumer canonicalises (and answers with the canonical value).
  await redis.client.set(key, raw)
  const reader = redis.blocking('readbacks')
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const wait = Math.max(1, Math.min(1000, deadline - Date.now()))
    const reply = (await reader.xread('COUNT', 100, 'BLOCK', wait, 'STREAMS', stream, from)) as Parameters<
      typeof entriesOf
    >[0]
    for (const entry of entriesOf(reply, stream)) {
      from = entry.id
      if (entry.data === undefined) continue
      const message = parseMessage('ControlReadback', entry.data)
      if (message.ok && message.value.control === name) return { kind: 'readback', readback: message.value }
    }
  }
  const message =
    `no read-back for ${name} within ${timeoutMs / 1000} s: its consumer is the ${spec.consumer}, ` +
    `which may not be running (is it up and pointed at this Redis and key prefix?); ` +
    `the value stays in ${key} until it is consumed`
  return { kind: 'timeout', message }
}

/** `applied: CHIP_SELECTION = 5_ON_A_DIE`, or the rejection with its legacy token and reason. */
export function describeReadback(readback: ControlReadback): string {
  const head = `${readback.outcome}: ${readback.control} = `
  if (readback.outcome !== 'rejected') return `${head}${readback.value}`
  const token = readback.code === undefined ? 'no rejection code' : LEGACY_REJECTION_READBACK[readback.code]
  const kept = readback.value === '' ? '' : `; ${readback.value} stays in effect`
  return `${head}${readback.requested} (${token}: ${readback.reason ?? 'no reason given'}${kept})`
}
