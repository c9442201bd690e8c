// ----------------------------------------------------------------------------
// The merged camera-day tables, in memory, each loaded from S3's current
// object the first time a shard touches it (so a restarted server carries on
// from what RubinTV already has). A table remembers which seqs changed since
// its last upload and which stream entries are waiting for that upload to be
// acknowledged. Tables with nothing pending are dropped, oldest first, past a
// limit, and re-read from S3 when needed again.
// ----------------------------------------------------------------------------
import { buildS3Key, type Camera, type DayObs, formatIssues, type MetadataTable } from '@rubin/ra-contract'
import { parseLenientJson } from './lenient-json.ts'
import { mergeRows } from './merge.ts'
import type { TableObjects } from './objects.ts'

export interface DayTable {
  readonly key: string
  readonly camera: Camera
  readonly dayObs: DayObs
  readonly table: MetadataTable
  /** Seqs changed since the last upload. */
  readonly dirty: Set<number>
  /** Stream entry ids merged since the last upload, acknowledged once it succeeds. */
  readonly pending: Set<string>
  lastUsed: number
}

export class TableUnreadableError extends Error {
  readonly code = 'RA_METADATA_TABLE_UNREADABLE'
  constructor(key: string, why: string) {
    super(`the current ${key} is not a JSON object (${why}): starting the table afresh from the shards`)
    this.name = 'TableUnreadableError'
  }
}

export interface TablesOptions {
  readonly objects: TableObjects
  /** Tables kept in memory with nothing pending (default 16). */
  readonly keep?: number
  /** Told when an existing object could not be read as a table (it is then replaced). */
  readonly onUnreadable?: (key: string, text: string, error: TableUnreadableError) => Promise<void>
}

export function metadataKey(camera: Camera, dayObs: DayObs): string {
  const key = buildS3Key({ kind: 'metadata', camera, dayObs })
  // Camera and dayObs come from a validated shard: a refusal here is a contract bug, not bad input.
  if (!key.ok) throw new Error(`no metadata key for ${camera} ${dayObs}: ${formatIssues(key.issues)}`)
  return key.value
}

export class Tables {
  readonly #o: TablesOptions
  readonly #byKey = new Map<string, DayTable>()

  constructor(options: TablesOptions) {
    this.#o = options
  }

  /** The table for a camera-day, loading S3's current object the first time. Throws when S3 fails. */
  async get(camera: Camera, dayObs: DayObs): Promise<DayTable> {
    const key = metadataKey(camera, dayObs)
    let day = this.#byKey.get(key)
    if (day === undefined) {
      const table = await this.#load(key)
      day = { key, camera, dayObs, table, dirty: new Set(), pending: new Set(), lastUsed: 0 }
      this.#byKey.set(key, day)
    }
    day.lastUsed = Date.now()
    return day
  }

  /** Merge rows of one entry; `forceDirty` marks its seqs changed even if equal (replayed entries). */
  merge(day: DayTable, entryId: string, rows: MetadataTable, forceDirty: boolean): number[] {
    const changed = mergeRows(day.table, rows)
    for (const seq of forceDirty ? Object.keys(rows).map(Number) : changed) day.dirty.add(seq)
    day.pending.add(entryId)
    return changed
  }

  /** Tables with entries waiting to be uploaded or acknowledged. */
  waiting(): DayTable[] {
    return [...this.#byKey.values()].filter((d) => d.pending.size > 0)
  }

  /** After a successful upload (or when nothing changed): the entries to acknowledge. */
  settle(day: DayTable): string[] {
    const ids = [...day.pending]
    day.pending.clear()
    day.dirty.clear()
    this.#trim()
    return ids
  }

  get size(): number {
    return this.#byKey.size
  }

  async #load(key: string): Promise<MetadataTable> {
    const text = await this.#o.objects.read(key)
    if (text === undefined || text.trim() === '') return {}
    let value: unknown
    try {
      value = parseLenientJson(text)
    } catch (error) {
      value = error
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Error)) {
      return value as MetadataTable
    }
    const why = value instanceof Error ? value.message : `got ${Array.isArray(value) ? 'an array' : typeof value}`
    await this.#o.onUnreadable?.(key, text, new TableUnreadableError(key, why))
    return {}
  }

  #trim(): void {
    const keep = this.#o.keep ?? 16
    const idle = [...this.#byKey.values()].filter((d) => d.pending.size === 0).sort((a, b) => a.lastUsed - b.lastUsed)
    for (const day of idle.slice(0, Math.max(0, this.#byKey.size - keep))) this.#byKey.delete(day.key)
  }
}
