// ----------------------------------------------------------------------------
// The loop: read ConsdbRowBatch entries (consumer group) → prepare (bad
// entries and rows become dead letters) → one transaction upserting every row
// → HSETNX consdbAnnounced per row and XACK, in one MULTI. Rows are acknowledged
// only after COMMIT, so a PostgreSQL outage or a crash loses nothing: the
// entries stay pending in Redis (the durable spool) and are written when the
// database answers again; upserts make the second write harmless. A row the
// database refuses (SQLSTATE classes 22/23) is found by writing the batch's
// entries one by one, and only that entry is set aside.
// ----------------------------------------------------------------------------
import { CONSUMER_GROUPS, redisKeyTtl } from '@rubin/ra-contract'
import {
  Counter,
  createGroupReader,
  type DeadLetters,
  entryTimeMs,
  Histogram,
  type Logger,
  type RedisHandle,
  type Registry,
  type StreamEntry,
  sleep,
  trackBacklog,
} from '@rubin/ra-runtime'
import type { Pool } from 'pg'
import { createDatabase } from './database.ts'
import { type MigrateResult, migrate } from './migrate.ts'
import { inTransaction, isMissingDatabase, isRowError } from './pg.ts'
import { announcedField, type PreparedBatch, prepareBatch } from './rows.ts'
import { upsertStatements } from './upsert.ts'

export interface WriterOptions {
  readonly redis: RedisHandle
  readonly pool: Pool
  readonly connectionString: string
  readonly deadLetters: DeadLetters
  readonly logger: Logger
  readonly metrics: Registry
  readonly signal: AbortSignal
  readonly consumer: string
  readonly migrate: boolean
  readonly createDatabase: boolean
  readonly batchMs: number
  readonly batchMax: number
  readonly retryMaxMs: number
}

export interface WriterCounts {
  entries: number
  rowsWritten: number
  invalidEntries: number
  invalidRows: number
  refusedByDatabase: number
  transactions: number
}

export interface WriterStatus {
  readonly migrations: MigrateResult | 'off' | 'not yet'
  readonly grouped: boolean
  readonly counts: WriterCounts
  readonly backlog: { readonly pending: number; readonly undelivered: number | null } | null
  readonly failing: { readonly since: string; readonly error: string; readonly retryInMs: number } | null
}

export interface Writer {
  readonly done: Promise<void>
  ready(): boolean
  status(): WriterStatus
}

interface Ready {
  readonly entry: StreamEntry
  readonly batch: PreparedBatch
}

const FIRST_RETRY_MS = 50

export function startWriter(o: WriterOptions): Writer {
  const { redis, pool, logger, signal } = o
  const key = redis.keys.key('consdbRows')
  const group = CONSUMER_GROUPS.consdbRows
  const reader = redis.blocking('consdb-rows')
  signal.addEventListener('abort', () => reader.disconnect(), { once: true })
  const groupReader = createGroupReader({
    reader,
    client: redis.client,
    key,
    group,
    consumer: o.consumer,
    count: o.batchMax,
    windowMs: o.batchMs,
    signal,
  })
  const counts: WriterCounts = {
    entries: 0,
    rowsWritten: 0,
    invalidEntries: 0,
    invalidRows: 0,
    refusedByDatabase: 0,
    transactions: 0,
  }
  const latency = new Histogram({
    name: 'ra_consdb_row_to_commit_seconds',
    help: 'From a row batch entering the stream to its rows being committed in ConsDB',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    registers: [o.metrics],
  })
  const rowsTotal = new Counter({
    name: 'ra_consdb_rows_total',
    help: 'ConsDB rows upserted, by table',
    labelNames: ['schema', 'table'],
    registers: [o.metrics],
  })
  let migrations: WriterStatus['migrations'] = o.migrate ? 'not yet' : 'off'
  let grouped = false
  let failing: WriterStatus['failing'] = null
  let backlog: WriterStatus['backlog'] = null

  async function ack(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await redis.client.xack(key, group, ...ids)
  }

  // Entries whose bad rows were already dead-lettered but whose good rows wait for the database:
  // a replay after a failed write must not dead-letter (or count) them again.
  const seen = new Set<string>()

  /** Dead letters for what cannot be written; the ready ones, or undefined when the entry is done. */
  async function prepare(entry: StreamEntry): Promise<Ready | undefined> {
    const again = seen.has(entry.id)
    if (!again) counts.entries++
    const source = `${key}#${entry.id}`
    const prepared = prepareBatch(entry.data)
    if (!prepared.ok) {
      counts.invalidEntries++
      await o.deadLetters({ source, code: prepared.code, reason: prepared.reason, input: entry.data ?? '' })
      await ack([entry.id])
      return undefined
    }
    for (const problem of again ? [] : prepared.batch.problems) {
      counts.invalidRows++
      await o.deadLetters({ source, code: problem.code, reason: problem.reason, input: problem.row })
    }
    if (prepared.batch.rows.length > 0) {
      seen.add(entry.id)
      return { entry, batch: prepared.batch }
    }
    await ack([entry.id])
    return undefined
  }

  async function transaction(ready: readonly Ready[]): Promise<void> {
    const groups = new Map<string, { batch: PreparedBatch; rows: PreparedBatch['rows'] }>()
    for (const { batch } of ready) {
      const id = `${batch.schema}.${batch.table}`
      const current = groups.get(id) ?? { batch, rows: [] }
      current.rows.push(...batch.rows)
      groups.set(id, current)
    }
    await inTransaction(pool, async (client) => {
      for (const { batch, rows } of groups.values()) {
        for (const statement of upsertStatements(batch.schema, batch.table, batch.primaryKey, rows)) {
          await client.query(statement.text, statement.values)
        }
      }
    })
    counts.transactions++
    for (const { batch, rows } of groups.values())
      rowsTotal.inc({ schema: batch.schema, table: batch.table }, rows.length)
  }

  async function announceAndAck(ready: readonly Ready[]): Promise<void> {
    const multi = redis.client.multi()
    const ttl = redisKeyTtl('consdbAnnounced')
    const hashes = new Set<string>()
    for (const { batch } of ready) {
      for (const row of batch.rows) {
        const hash = redis.keys.key('consdbAnnounced', { dayObs: row.day_obs as number })
        multi.hsetnx(hash, announcedField(batch.instrument, batch.table, row[batch.idColumn] as number), '1')
        hashes.add(hash)
      }
    }
    for (const hash of hashes) multi.expire(hash, ttl)
    multi.xack(key, group, ...ready.map((r) => r.entry.id))
    await multi.exec()
    for (const r of ready) seen.delete(r.entry.id)
    const now = Date.now()
    for (const r of ready) {
      counts.rowsWritten += r.batch.rows.length
      latency.observe(Math.max(0, now - entryTimeMs(r.entry.id)) / 1000)
    }
  }

  async function write(ready: readonly Ready[]): Promise<void> {
    try {
      await transaction(ready)
      await announceAndAck(ready)
      return
    } catch (error) {
      if (!isRowError(error) || ready.length === 0) throw error
    }
    // Some row is refused by the database itself: write entry by entry to set aside only the culprit.
    for (const one of ready) {
      try {
        await transaction([one])
        await announceAndAck([one])
      } catch (error) {
        if (!isRowError(error)) throw error
        counts.refusedByDatabase++
        const { code, message } = error as { code: string; message: string }
        await o.deadLetters({
          source: `${key}#${one.entry.id}`,
          code: 'RA_CONSDB_ROW_REFUSED',
          reason: `PostgreSQL refused the rows (SQLSTATE ${code}): ${message}`,
          input: one.entry.data ?? '',
        })
        await ack([one.entry.id])
        seen.delete(one.entry.id)
      }
    }
  }

  async function ensureSchema(): Promise<void> {
    if (!o.migrate || migrations !== 'not yet') return
    try {
      migrations = await migrate(pool)
    } catch (error) {
      if (!(o.createDatabase && isMissingDatabase(error))) throw error
      logger.warn('ConsDB database does not exist: creating it (RA_CONSDB_CREATE_DATABASE)')
      await createDatabase(o.connectionString)
      migrations = await migrate(pool)
    }
    logger.info(migrations, 'ConsDB schema migrated')
  }

  async function loop(): Promise<void> {
    let retryMs = FIRST_RETRY_MS
    while (!signal.aborted) {
      try {
        await ensureSchema()
        if (!grouped) {
          await groupReader.ensureGroup()
          grouped = true
        }
        const { entries } = await groupReader.next()
        const ready: Ready[] = []
        for (const entry of entries) {
          const one = await prepare(entry)
          if (one) ready.push(one)
        }
        if (ready.length > 0) await write(ready)
        if (failing) logger.info({ after: failing.since }, 'ConsDB writes work again')
        failing = null
        retryMs = FIRST_RETRY_MS
      } catch (error) {
        if (signal.aborted) break
        const message = (error as Error).message || String((error as { code?: string }).code ?? error)
        if (message.includes('NOGROUP')) grouped = false
        // The batch's entries are still pending: read them again after the wait (upserts make that harmless).
        groupReader.rewind()
        failing = { since: failing?.since ?? new Date().toISOString(), error: message, retryInMs: retryMs }
        logger.warn({ err: message, retryInMs: retryMs }, 'ConsDB write failed; rows kept, retrying')
        await sleep(retryMs, signal)
        retryMs = Math.min(retryMs * 2, o.retryMaxMs)
      }
    }
  }

  const done = Promise.all([
    loop(),
    trackBacklog(
      groupReader,
      () => grouped,
      (b) => {
        backlog = b
      },
      signal,
    ),
  ]).then(() => undefined)
  return {
    done,
    ready: () => grouped && migrations !== 'not yet',
    status: () => ({ migrations, grouped, counts: { ...counts }, backlog, failing }),
  }
}
