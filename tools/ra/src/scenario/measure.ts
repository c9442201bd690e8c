// ----------------------------------------------------------------------------
// What reached the consumers, read back where they read it: ObjectWritten
// entries on the contract's stream (with the time Redis stamped on each), the
// day's metadata.json rows in S3, and ConsDB rows across the quicklook tables.
// The scenarios' `lost` is computed from these, not from what services report.
// ----------------------------------------------------------------------------
import {
  buildS3Key,
  type Camera,
  CONSDB_SCHEMA_FOR_INSTRUMENT,
  type Instrument,
  type ObjectWritten,
  RA_WRITTEN_COLUMNS,
} from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { createS3Client, entriesOf, type RedisHandle, readObject } from '@rubin/ra-runtime'
import type { ScratchDatabase } from '@rubin/ra-runtime/testing'

export interface Written {
  readonly message: ObjectWritten
  /** When Redis took the entry (ms, from the stream id). */
  readonly at: number
}

/** Every ObjectWritten on the stream, oldest first. */
export async function readObjectWritten(redis: RedisHandle): Promise<Written[]> {
  const key = redis.keys.key('objectWritten')
  const out: Written[] = []
  let from = '-'
  for (;;) {
    const page = (await redis.client.xrange(key, from, '+', 'COUNT', 1000)) as [string, string[]][]
    for (const entry of entriesOf([[key, page]], key)) {
      const parsed = parseMessage('ObjectWritten', entry.data ?? '')
      if (parsed.ok) out.push({ message: parsed.value as ObjectWritten, at: Number(entry.id.split('-')[0]) })
    }
    if (page.length < 1000) return out
    from = `(${page.at(-1)?.[0]}`
  }
}

/** The rows of a camera-day metadata.json by seq (as strings); empty when there is no table yet. */
export async function metadataRows(
  s3: { endpoint: string; bucket: string },
  camera: Camera,
  dayObs: number,
): Promise<Map<string, Record<string, unknown>>> {
  const key = buildS3Key({ kind: 'metadata', camera, dayObs })
  if (!key.ok) throw new Error(`metadata key for ${camera}/${dayObs}: ${key.issues.map((i) => i.message).join('; ')}`)
  const client = createS3Client({ endpoint: s3.endpoint, maxAttempts: 1 })
  try {
    const object = await readObject(client, s3.bucket, key.value)
    if (object === undefined) return new Map()
    const table = JSON.parse(new TextDecoder().decode(object.body)) as Record<string, Record<string, unknown>>
    return new Map(Object.entries(table))
  } finally {
    client.destroy()
  }
}

export interface ConsdbCount {
  /** Rows per quicklook table. */
  readonly tables: Readonly<Record<string, number>>
  readonly total: number
  /** `day_obs/seq_num` of every visit1_quicklook row. */
  readonly visits: ReadonlySet<string>
}

/** Rows across the quicklook tables of the instrument's ConsDB schema (0 for tables not made yet). */
export async function consdbRows(db: ScratchDatabase, instrument: Instrument): Promise<ConsdbCount> {
  const schema = (CONSDB_SCHEMA_FOR_INSTRUMENT as Partial<Record<Instrument, string>>)[instrument]
  const tables: Record<string, number> = {}
  let total = 0
  let visits = new Set<string>()
  if (schema === undefined) return { tables, total, visits }
  for (const table of Object.keys(RA_WRITTEN_COLUMNS.cdb_lsstcam)) {
    try {
      const result = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${table}"`)
      tables[table] = Number(result.rows[0]?.n ?? 0)
      total += tables[table]
    } catch {
      tables[table] = 0
    }
  }
  try {
    const rows = await db.query<{ day_obs: number; seq_num: number }>(
      `SELECT day_obs, seq_num FROM "${schema}"."visit1_quicklook"`,
    )
    visits = new Set(rows.rows.map((r) => `${r.day_obs}/${r.seq_num}`))
  } catch {
    // no table yet: no rows
  }
  return { tables, total, visits }
}

export interface ExposureProduct {
  readonly camera: string
  readonly channel: string
  readonly key: string
  readonly at: number
}

/**
 * Products of one exposure on any camera (lsstcam, lsstcam_aos, ra_performance, …): ObjectWritten
 * event entries for its day and seq, one per key (the first write; a rewrite of a key is not a new product).
 */
export function productsOf(written: readonly Written[], dayObs: number, seq: number): ExposureProduct[] {
  const byKey = new Map<string, ExposureProduct>()
  for (const w of written) {
    const m = w.message
    if (m.kind !== 'event' || m.dayObs !== dayObs || Number(m.seq) !== seq || byKey.has(m.key)) continue
    byKey.set(m.key, { camera: m.camera ?? '', channel: m.channel ?? '', key: m.key, at: w.at })
  }
  return [...byKey.values()]
}
