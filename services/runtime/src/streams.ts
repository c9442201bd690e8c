// Stream entries through the contract: one field (`data`) holding the message as JSON.
import { STREAM_DATA_FIELD } from '@rubin/ra-contract'
import type { ChainableCommander, Redis } from 'ioredis'

export interface StreamEntry {
  readonly id: string
  /** The `data` field, or undefined for an entry written without one (a foreign writer). */
  readonly data: string | undefined
}

/** XADD with approximate trimming (MAXLEN ~), as today's cluster manager does. */
export function xaddJson(
  target: Redis | ChainableCommander,
  key: string,
  message: unknown,
  maxLength?: number,
): Promise<string | null> | ChainableCommander {
  const text = JSON.stringify(message)
  return maxLength === undefined
    ? target.xadd(key, '*', STREAM_DATA_FIELD, text)
    : target.xadd(key, 'MAXLEN', '~', maxLength, '*', STREAM_DATA_FIELD, text)
}

type RawEntry = [id: string, fields: string[]]

export function toEntries(raw: readonly RawEntry[] | null | undefined): StreamEntry[] {
  return (raw ?? []).map(([id, fields]) => {
    const index = fields.findIndex((field, i) => i % 2 === 0 && field === STREAM_DATA_FIELD)
    return { id, data: index === -1 ? undefined : fields[index + 1] }
  })
}

/** Entries of one stream from an XREAD reply. */
export function entriesOf(reply: [key: string, entries: RawEntry[]][] | null, key: string): StreamEntry[] {
  return toEntries(reply?.find(([k]) => k === key)?.[1])
}
