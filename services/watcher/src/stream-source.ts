// ----------------------------------------------------------------------------
// The rawLanded stream, read with a consumer group: each entry is acknowledged
// only after its record was announced (or set aside as a dead letter), so a
// watcher that dies in between re-reads it on start (its pending entries) and
// the announce script makes the second attempt harmless. The group starts at
// the stream's end when first created: the poll covers anything older.
// ----------------------------------------------------------------------------
import type { Instrument } from '@rubin/ra-contract'
import { entriesOf, type Logger, type RedisHandle, type StreamEntry, sleep } from '@rubin/ra-runtime'
import type { Redis } from 'ioredis'
import type { Intake } from './intake.ts'

export interface StreamSourceOptions {
  readonly redis: RedisHandle
  readonly instrument: Instrument
  /** Consumer group name (the service name: one group of watchers per stream). */
  readonly group: string
  readonly intake: Intake
  readonly logger: Logger
  readonly signal: AbortSignal
  readonly blockMs?: number
}

export interface StreamSource {
  /** Whether the consumer group exists yet (entries added before that are left to the poll). */
  ready(): boolean
  /** Resolves when the loop has ended (after the signal aborts). */
  readonly done: Promise<void>
}

type XReply = Parameters<typeof entriesOf>[0]

async function ensureGroup(client: Redis, key: string, group: string): Promise<void> {
  try {
    await client.xgroup('CREATE', key, group, '$', 'MKSTREAM')
  } catch (error) {
    if (!String((error as Error).message).includes('BUSYGROUP')) throw error
  }
}

/**
 * Reads until aborted. The group is made by the loop, not before start returns: a watcher whose Redis
 * is down still starts (and says it is not ready) instead of hanging before its health endpoint is up.
 */
export function startStreamSource(options: StreamSourceOptions): StreamSource {
  const { redis, instrument, group, intake, logger, signal } = options
  const key = redis.keys.key('rawLanded', { instrument })
  // One watcher per instrument: a stable consumer name lets a restarted watcher find its own pending entries.
  const consumer = instrument
  let grouped = false
  const reader = redis.blocking('raw-landed')
  // A blocked XREADGROUP would hold a stop for up to blockMs: cut it short.
  signal.addEventListener('abort', () => reader.disconnect(), { once: true })

  async function handle(entry: StreamEntry): Promise<void> {
    await intake.submit({
      source: 'stream',
      origin: `${key}#${entry.id}`,
      text: entry.data,
      expect: { instrument },
      seenAt: Date.now(),
    })
    await redis.client.xack(key, group, entry.id)
  }

  async function read(from: '0' | '>'): Promise<StreamEntry[]> {
    const args = from === '>' ? ['BLOCK', options.blockMs ?? 1000] : []
    const reply = (await reader.xreadgroup(
      'GROUP',
      group,
      consumer,
      'COUNT',
      100,
      ...(args as ['BLOCK', number]),
      'STREAMS',
      key,
      from,
    )) as XReply
    // A pending entry trimmed from the stream comes back without fields: keep it (as an entry without data).
    const safe = reply?.map(([k, list]) => [k, list.map(([id, fields]) => [id, fields ?? []])]) as XReply
    return entriesOf(safe, key)
  }

  async function loop(): Promise<void> {
    let from: '0' | '>' = '0'
    while (!signal.aborted) {
      try {
        if (!grouped) {
          await ensureGroup(redis.client, key, group)
          grouped = true
        }
        const entries = await read(from)
        // Pending entries first (left by a previous run), then new ones.
        if (from === '0' && entries.length === 0) from = '>'
        for (const entry of entries) await handle(entry)
      } catch (error) {
        if (signal.aborted) break
        const message = (error as Error).message
        // The stream or group vanished (FLUSHALL, a Redis without persistence): make it again.
        if (message.includes('NOGROUP')) grouped = false
        logger.warn({ err: message, stream: key }, 'reading rawLanded failed; retrying')
        await sleep(1000, signal)
      }
    }
  }

  return { ready: () => grouped, done: loop() }
}
