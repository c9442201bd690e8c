// ----------------------------------------------------------------------------
// Reading a contract stream with a consumer group (the metadata server, the ConsDB
// writer): first the entries this consumer was given and never
// acknowledged (a previous run's, or a failed batch's), then new ones, with a
// short window after the first new entry so a burst becomes one batch.
// ----------------------------------------------------------------------------

import type { Redis } from 'ioredis'
import { entriesOf, type StreamEntry } from './streams.ts'
import { sleep } from './time.ts'

type XReply = Parameters<typeof entriesOf>[0]

export interface GroupBatch {
  readonly entries: StreamEntry[]
  /** True when these were pending (delivered before, never acknowledged). */
  readonly replayed: boolean
}

export interface GroupReaderOptions {
  /** A connection of its own: XREADGROUP BLOCK holds it. */
  readonly reader: Redis
  readonly client: Redis
  readonly key: string
  readonly group: string
  readonly consumer: string
  readonly count: number
  readonly windowMs: number
  readonly blockMs?: number
  readonly signal: AbortSignal
}

export interface GroupReader {
  /** The next batch (possibly empty after the block times out). */
  next(): Promise<GroupBatch>
  /** Go back to the pending entries (after a failed batch, whose entries stay unacknowledged). */
  rewind(): void
  /** Create the group if missing (from the stream's start: every entry ever written is read). */
  ensureGroup(): Promise<void>
  /** Delivered-but-unacknowledged and not-yet-delivered counts, for /status. */
  backlog(): Promise<{ pending: number; undelivered: number | null }>
}

export type Backlog = Awaited<ReturnType<GroupReader['backlog']>>

/**
 * Keeps a /status backlog figure fresh: once `ready()` says the group exists, reads it every
 * second until `signal` aborts. While Redis is down the figure simply goes stale (the service's
 * own loop reports the outage).
 */
export async function trackBacklog(
  reader: GroupReader,
  ready: () => boolean,
  update: (backlog: Backlog) => void,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    try {
      if (ready()) update(await reader.backlog())
    } catch {
      // Redis down: stale figure, see above.
    }
    await sleep(1000, signal)
  }
}

export function createGroupReader(o: GroupReaderOptions): GroupReader {
  let from: '0' | '>' = '0'

  async function read(id: '0' | '>', count: number, block: boolean): Promise<StreamEntry[]> {
    const blockArgs = block ? ['BLOCK', o.blockMs ?? 1000] : []
    const reply = (await o.reader.xreadgroup(
      'GROUP',
      o.group,
      o.consumer,
      'COUNT',
      count,
      ...(blockArgs as ['BLOCK', number]),
      'STREAMS',
      o.key,
      id,
    )) as XReply
    // A pending entry trimmed from the stream comes back without fields: keep it, as an entry without data.
    const safe = reply?.map(([k, list]) => [k, list.map(([id, fields]) => [id, fields ?? []])]) as XReply
    return entriesOf(safe, o.key)
  }

  return {
    async ensureGroup() {
      try {
        await o.client.xgroup('CREATE', o.key, o.group, '0', 'MKSTREAM')
      } catch (error) {
        if (!String((error as Error).message).includes('BUSYGROUP')) throw error
      }
    },
    rewind() {
      from = '0'
    },
    async next() {
      if (from === '0') {
        const pending = await read('0', o.count, false)
        if (pending.length > 0) return { entries: pending, replayed: true }
        from = '>'
      }
      const entries = await read('>', o.count, true)
      if (entries.length > 0 && entries.length < o.count && o.windowMs > 0 && !o.signal.aborted) {
        await sleep(o.windowMs, o.signal)
        entries.push(...(await read('>', o.count - entries.length, false)))
      }
      return { entries, replayed: false }
    },
    async backlog() {
      const groups = (await o.client.xinfo('GROUPS', o.key)) as unknown[][]
      for (const fields of groups) {
        const info: Record<string, unknown> = {}
        for (let i = 0; i + 1 < fields.length; i += 2) info[String(fields[i])] = fields[i + 1]
        if (info.name === o.group) {
          return { pending: Number(info.pending ?? 0), undelivered: info.lag == null ? null : Number(info.lag) }
        }
      }
      return { pending: 0, undelivered: null }
    },
  }
}

/** Milliseconds since the epoch at which Redis added the entry (its id's first part). */
export function entryTimeMs(id: string): number {
  return Number(id.split('-')[0])
}
