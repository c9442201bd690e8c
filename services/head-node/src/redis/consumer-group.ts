// ----------------------------------------------------------------------------
// Consumer-group plumbing for the completions stream: create the group (from
// the start of the stream), take over what earlier instances left pending,
// drop their empty consumers, and read entries (own pending from an id, or new
// ones with `>`, optionally blocking).
// ----------------------------------------------------------------------------
import type { Redis } from 'ioredis'
import { type PendingEntry, type RawStreamReply, streamEntries } from './stream-reply.ts'

export interface GroupMember {
  readonly stream: string
  readonly group: string
  readonly consumer: string
}

const PAGE = 100

/** XGROUP CREATE … 0 MKSTREAM; an existing group is kept as it is. */
export async function ensureGroup(client: Redis, m: GroupMember): Promise<void> {
  try {
    await client.xgroup('CREATE', m.stream, m.group, '0', 'MKSTREAM')
  } catch (error) {
    if (!String((error as Error).message).includes('BUSYGROUP')) throw error
  }
}

/** Makes every pending entry of the group this consumer's (one head node per instrument). */
export async function claimAllPending(client: Redis, m: GroupMember, signal: AbortSignal): Promise<void> {
  let cursor = '0-0'
  do {
    const reply = (await client.xautoclaim(m.stream, m.group, m.consumer, 0, cursor, 'COUNT', PAGE, 'JUSTID')) as [
      string,
      ...unknown[],
    ]
    cursor = reply[0]
  } while (cursor !== '0-0' && !signal.aborted)
}

/** Consumers of earlier instances with nothing pending are only clutter in XINFO. */
export async function forgetIdleConsumers(client: Redis, m: GroupMember): Promise<void> {
  const consumers = (await client.xinfo('CONSUMERS', m.stream, m.group)) as unknown[][]
  for (const fields of consumers) {
    const info = Object.fromEntries(fields.flatMap((v, i) => (i % 2 === 0 ? [[String(v), fields[i + 1]]] : [])))
    if (info.name !== m.consumer && Number(info.pending) === 0) {
      await client.xgroup('DELCONSUMER', m.stream, m.group, String(info.name))
    }
  }
}

/** XREADGROUP from `from` ('>' for new entries, an id for own pending ones after it). */
export async function readGroup(
  client: Redis,
  m: GroupMember,
  from: string,
  blockMs?: number,
): Promise<PendingEntry[]> {
  const reply =
    blockMs === undefined
      ? await client.xreadgroup('GROUP', m.group, m.consumer, 'COUNT', PAGE, 'STREAMS', m.stream, from)
      : await client.xreadgroup(
          'GROUP',
          m.group,
          m.consumer,
          'COUNT',
          PAGE,
          'BLOCK',
          blockMs,
          'STREAMS',
          m.stream,
          from,
        )
  return streamEntries(reply as RawStreamReply, m.stream)
}
