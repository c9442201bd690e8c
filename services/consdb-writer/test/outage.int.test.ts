// The ConsDB writer through PostgreSQL outages that hit in the middle of its work, as the
// postgres-outage scenario makes them: the TCP proxy between the writer and the machine's real
// PostgreSQL is cut (or stalls without a reset) while a transaction is in flight and rows keep
// arriving. The writer must stay up, keep every row pending in Redis, and write them all within
// a few seconds of the database coming back.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { CONSUMER_GROUPS, type ConsdbRowBatch, createRedisKeys } from '@rubin/ra-contract'
import { startService, xaddJson } from '@rubin/ra-runtime'
import { createScratchDatabase, startRedisServer, startTcpProxy } from '@rubin/ra-runtime/testing'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { consdbWriterService } from '../src/index.ts'

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url))
const keys = createRedisKeys()
const ROWS = keys.key('consdbRows')
const DAY = 20251115
const TABLE = 'cdb_lsstcam.exposure_quicklook'

const row = (seq: number): ConsdbRowBatch => ({
  instrument: 'LSSTCam',
  table: 'exposure_quicklook',
  rows: [{ day_obs: DAY, seq_num: seq, mount_jitter_rms: seq / 10 }],
  producer: 'worker',
  writtenAt: new Date().toISOString(),
})

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

const rowsIn = async (db: { query: (t: string) => Promise<{ rows: { n: number }[] }> }) =>
  (await db.query(`SELECT count(*)::int AS n FROM ${TABLE}`)).rows[0]?.n ?? 0

/** Adds one row every `everyMs` until stopped; resolves to how many it added. */
function trickle(client: Parameters<typeof xaddJson>[0], firstSeq: number, everyMs: number) {
  let running = true
  let added = 0
  const done = (async () => {
    while (running) {
      await xaddJson(client, ROWS, row(firstSeq + added))
      added++
      await new Promise((r) => setTimeout(r, everyMs))
    }
    return added
  })()
  return {
    stop: async () => {
      running = false
      return done
    },
  }
}

describe('ConsDB writer through PostgreSQL outages mid-write', () => {
  it('survives a cut during a transaction, keeps the rows that arrive meanwhile, and writes all soon after', async () => {
    await using db = await createScratchDatabase()
    await using redis = await startRedisServer()
    await using proxy = await startTcpProxy(5432)
    // The real process, as the scenario runs it: a crash here is a lost writer, not a test artefact.
    const child = spawn(process.execPath, ['--conditions=@rubin/source', MAIN], {
      env: {
        ...process.env,
        RA_REDIS_URL: redis.url,
        RA_CONSDB_URL: db.url(proxy.port),
        RA_CONSDB_RETRY_MAX_MS: '1000',
        RA_CONSDB_CONNECT_TIMEOUT_MS: '500',
        RA_CONSDB_BATCH_MS: '5',
        RA_LOG_LEVEL: 'fatal',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    let exitCode: number | null | undefined
    child.once('exit', (code) => {
      exitCode = code
    })
    const blocker = new pg.Client({ connectionString: db.url() })
    blocker.on('error', () => {})
    let rows: ReturnType<typeof trickle> | undefined
    try {
      await xaddJson(redis.client, ROWS, row(1))
      await until('the first row', async () => ((await rowsIn(db)) === 1 ? true : undefined), 20_000)

      // Hold the table so the writer's next INSERT waits inside its transaction, then cut under it.
      await blocker.connect()
      await blocker.query('BEGIN')
      await blocker.query(`LOCK TABLE ${TABLE} IN ACCESS EXCLUSIVE MODE`)
      rows = trickle(redis.client, 2, 50)
      await until('the writer waiting on the lock mid-transaction', async () => {
        const waiting = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE application_name = 'ra-consdb-writer' AND wait_event_type = 'Lock'`,
        )
        return (waiting.rows[0]?.n ?? 0) > 0 ? true : undefined
      })
      await proxy.cut()
      await blocker.query('ROLLBACK')
      await new Promise((r) => setTimeout(r, 1500))
      expect(exitCode, 'the writer process died on the cut').toBeUndefined()
      expect(await rowsIn(db)).toBe(1)

      await proxy.restore()
      const restoredAt = Date.now()
      const added = await rows.stop()
      expect(added).toBeGreaterThan(10)
      await until('every row', async () => ((await rowsIn(db)) === 1 + added ? true : undefined))
      // Bounded backoff (1 s here): the backlog is written promptly, not after a long wait.
      expect(Date.now() - restoredAt).toBeLessThan(5000)
      await until('nothing pending', async () =>
        ((await redis.client.xpending(ROWS, CONSUMER_GROUPS.consdbRows)) as [number])[0] === 0 ? true : undefined,
      )
      expect(exitCode).toBeUndefined()
    } finally {
      await rows?.stop().catch(() => {})
      await blocker.end().catch(() => {})
      child.kill('SIGKILL')
    }
  })

  it('notices a connection that hangs without a reset, and writes every row once it answers again', async () => {
    await using db = await createScratchDatabase()
    await using redis = await startRedisServer()
    await using proxy = await startTcpProxy(5432)
    await using service = await startService(
      consdbWriterService(),
      {
        RA_REDIS_URL: redis.url,
        RA_CONSDB_URL: db.url(proxy.port),
        RA_CONSDB_RETRY_MAX_MS: '1000',
        RA_CONSDB_CONNECT_TIMEOUT_MS: '500',
        RA_CONSDB_QUERY_TIMEOUT_MS: '1000',
        RA_CONSDB_BATCH_MS: '5',
        RA_LOG_LEVEL: 'fatal',
      },
      { http: false },
    )
    const status = () =>
      service.running.status?.() as {
        failing: { error: string } | null
        counts: { entries: number; invalidRows: number }
      }
    await xaddJson(redis.client, ROWS, row(1))
    await until('the first row', async () => ((await rowsIn(db)) === 1 ? true : undefined))

    // The pooled connection stays open but nothing passes: only a query timeout can tell.
    proxy.stall()
    const stalledAt = Date.now()
    const rows = trickle(redis.client, 2, 50)
    try {
      // One entry with a bad row beside a good one: its dead letter is written once, not per retry.
      const mixed = row(1000)
      await xaddJson(redis.client, ROWS, { ...mixed, rows: [...mixed.rows, { day_obs: DAY, seq_num: 1001, nope: 1 }] })
      const failing = await until('the hang reported as failing', async () => status().failing ?? undefined, 5000)
      expect(Date.now() - stalledAt).toBeLessThan(4000)
      expect(failing.error).toMatch(/timeout/i)
      await new Promise((r) => setTimeout(r, 1500))
      expect(await rowsIn(db)).toBe(1)

      await proxy.restore()
      const restoredAt = Date.now()
      const added = await rows.stop()
      await until('every row', async () => ((await rowsIn(db)) === 2 + added ? true : undefined))
      expect(Date.now() - restoredAt).toBeLessThan(5000)
      await until('nothing pending', async () =>
        ((await redis.client.xpending(ROWS, CONSUMER_GROUPS.consdbRows)) as [number])[0] === 0 ? true : undefined,
      )
      expect(await redis.client.xlen(keys.key('deadLetters'))).toBe(1)
      expect(status().counts).toMatchObject({ entries: 2 + added, invalidRows: 1 })
      expect(status().failing).toBeNull()
    } finally {
      await rows.stop().catch(() => {})
      // A writer stuck on a hung query would otherwise hold the service's stop until the query gives up.
      await proxy.cut()
    }
  })
})
