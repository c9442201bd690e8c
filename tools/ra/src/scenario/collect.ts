// ----------------------------------------------------------------------------
// What happened, read back from Redis through the contract: payload timings,
// GatherReady entries, expected and finished detector sets. Scenario figures
// are computed from these records, not from what the services say of themselves.
// ----------------------------------------------------------------------------
import type { GatherReady, Instrument, PayloadTiming, Who } from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { connectRedis, entriesOf, type RedisHandle } from '@rubin/ra-runtime'

export interface Observed {
  readonly timings: readonly PayloadTiming[]
  readonly gathers: readonly GatherReady[]
  /** Per processing id and who: expected detectors not in the finished set. */
  readonly missing: ReadonlyMap<string, readonly string[]>
}

async function readStream<T>(redis: RedisHandle, key: string, name: 'PayloadTiming' | 'GatherReady'): Promise<T[]> {
  const out: T[] = []
  let from = '-'
  for (;;) {
    const page = (await redis.client.xrange(key, from, '+', 'COUNT', 1000)) as [string, string[]][]
    const entries = entriesOf([[key, page]], key)
    for (const entry of entries) {
      const parsed = parseMessage(name, entry.data ?? '')
      if (parsed.ok) out.push(parsed.value as T)
    }
    if (page.length < 1000) return out
    from = `(${page.at(-1)?.[0]}`
  }
}

export async function observe(
  url: string,
  instrument: Instrument,
  processingIds: readonly string[],
  whos: readonly Who[],
): Promise<Observed> {
  const redis = connectRedis({ url, name: 'scenario' })
  try {
    const timings = await readStream<PayloadTiming>(
      redis,
      redis.keys.key('payloadTimings', { instrument }),
      'PayloadTiming',
    )
    const gathers = await readStream<GatherReady>(redis, redis.keys.key('completions', { instrument }), 'GatherReady')
    const missing = new Map<string, string[]>()
    for (const processingId of processingIds) {
      for (const who of whos) {
        const expected = await redis.client.smembers(
          redis.keys.key('expectedDetectors', { instrument, who, processingId }),
        )
        const finished = new Set(
          await redis.client.smembers(redis.keys.key('finishedDetectors', { instrument, who, processingId })),
        )
        const gone = expected.filter((d) => !finished.has(d))
        if (gone.length > 0) missing.set(`${processingId}/${who}`, gone)
      }
    }
    return { timings, gathers, missing }
  } finally {
    await redis.close()
  }
}

/** Step-1a payloads completed, counting each (processing id, who, detector) once, and how many ran more than once. */
export function completionCounts(timings: readonly PayloadTiming[]) {
  const runs = new Map<string, number>()
  for (const t of timings) {
    if (t.outcome === 'abandoned') continue
    const key = `${t.processingId}/${t.who}/${t.detector ?? t.pipeline ?? ''}/${t.payloadId}`
    runs.set(key, (runs.get(key) ?? 0) + 1)
  }
  return { completed: runs.size, duplicates: [...runs.values()].filter((n) => n > 1).length }
}

export const ms = (iso: string) => Date.parse(iso)
