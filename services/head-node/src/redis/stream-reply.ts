// ----------------------------------------------------------------------------
// Entries from an XREADGROUP reply. Unlike the runtime's entriesOf, this keeps
// pending entries whose stream entry is gone (trimmed by MAXLEN while pending):
// Redis returns them with null fields, and they must still be acknowledged.
// ----------------------------------------------------------------------------
import { STREAM_DATA_FIELD } from '@rubin/ra-contract'

export type RawStreamReply = [key: string, entries: [id: string, fields: string[] | null][]][] | null

export interface PendingEntry {
  readonly id: string
  /** The `data` field, or undefined when the entry has none (or is gone). */
  readonly data: string | undefined
  /** The entry was deleted from the stream while pending. */
  readonly deleted: boolean
}

export function streamEntries(reply: RawStreamReply, key: string): PendingEntry[] {
  const entries = reply?.find(([k]) => k === key)?.[1] ?? []
  return entries.map(([id, fields]) => {
    if (fields === null) return { id, data: undefined, deleted: true }
    const index = fields.findIndex((field, i) => i % 2 === 0 && field === STREAM_DATA_FIELD)
    return { id, data: index === -1 ? undefined : fields[index + 1], deleted: false }
  })
}
