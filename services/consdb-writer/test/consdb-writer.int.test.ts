// The ConsDB writer against a private real Redis and the machine's real PostgreSQL, in a database
// the test creates and drops: the schema migrates idempotently, upserts are idempotent and partial
// updates keep earlier columns, bad rows become dead letters, and a database outage loses no row.
import { CONSDB_SCHEMA_VERSIONS, CONSUMER_GROUPS, type ConsdbRowBatch, createRedisKeys } from '@rubin/ra-contract'
import { entriesOf, startService, xaddJson } from '@rubin/ra-runtime'
import { createScratchDatabase, startRedisServer, startTcpProxy } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import { consdbWriterService, createPool, MIGRATIONS_SCHEMA, migrate } from '../src/index.ts'

const keys = createRedisKeys()
const ROWS = keys.key('consdbRows')
const DEAD = keys.key('deadLetters')
const DAY = 20251115

function batch(
  table: ConsdbRowBatch['table'],
  rows: ConsdbRowBatch['rows'],
  instrument: ConsdbRowBatch['instrument'] = 'LSSTCam',
): ConsdbRowBatch {
  return { instrument, table, rows, producer: 'worker', writtenAt: new Date().toISOString() }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

function env(redisUrl: string, databaseUrl: string) {
  return {
    RA_REDIS_URL: redisUrl,
    RA_CONSDB_URL: databaseUrl,
    RA_CONSDB_RETRY_MAX_MS: '100',
    RA_CONSDB_CONNECT_TIMEOUT_MS: '500',
    RA_CONSDB_BATCH_MS: '5',
    RA_LOG_LEVEL: 'error',
  }
}

const count = async (db: { query: (t: string) => Promise<{ rows: { n: number }[] }> }, table: string) =>
  (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n

describe('ConsDB writer', () => {
  it('migrates idempotently: every cdb_* table once, recorded by Felis version', async () => {
    await using db = await createScratchDatabase()
    const pool = createPool({ connectionString: db.url(), max: 2 })
    try {
      const [first, second] = await Promise.all([migrate(pool), migrate(pool)])
      const applied = [...(first?.applied ?? []), ...(second?.applied ?? [])].sort()
      expect(applied).toEqual(
        [`cdb_latiss@${CONSDB_SCHEMA_VERSIONS.cdb_latiss}`, `cdb_lsstcam@${CONSDB_SCHEMA_VERSIONS.cdb_lsstcam}`].sort(),
      )
      expect((await migrate(pool)).applied).toEqual([])
      const tables = await db.query<{ table_schema: string; table_name: string }>(
        `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema LIKE 'cdb_%' ORDER BY 1, 2`,
      )
      expect(tables.rows.map((r) => `${r.table_schema}.${r.table_name}`)).toEqual([
        'cdb_latiss.ccdexposure',
        'cdb_latiss.ccdexposure_quicklook',
        'cdb_latiss.ccdvisit1_quicklook',
        'cdb_latiss.exposure',
        'cdb_latiss.exposure_quicklook',
        'cdb_latiss.visit1_quicklook',
        'cdb_lsstcam.ccdexposure',
        'cdb_lsstcam.ccdexposure_quicklook',
        'cdb_lsstcam.ccdvisit1_quicklook',
        'cdb_lsstcam.exposure',
        'cdb_lsstcam.exposure_quicklook',
        'cdb_lsstcam.visit1_quicklook',
      ])
      expect(await count(db, `${MIGRATIONS_SCHEMA}.migrations`)).toBe(2)
    } finally {
      await pool.end()
    }
  })

  it('upserts idempotently, keeps columns across partial updates, announces rows, dead-letters bad ones', async () => {
    await using db = await createScratchDatabase()
    await using redis = await startRedisServer()
    await using service = await startService(consdbWriterService(), env(redis.url, db.url()), { http: false })
    const ccdRows = [94, 95, 96].map((detector) => ({
      day_obs: DAY,
      seq_num: 226,
      detector,
      psf_sigma: 1.9 + detector / 100,
    }))
    const visit = batch('visit1_quicklook', [{ day_obs: DAY, seq_num: 226, n_inputs: 3, psf_sigma_median: 1.95 }])
    await xaddJson(redis.client, ROWS, batch('ccdvisit1_quicklook', ccdRows))
    await xaddJson(redis.client, ROWS, visit)
    const status = () => service.running.status?.() as { counts: { entries: number; rowsWritten: number } }
    await until('4 rows', async () => (status().counts.rowsWritten === 4 ? true : undefined))
    expect(await count(db, 'cdb_lsstcam.ccdvisit1_quicklook')).toBe(3)

    // The same rows again, and a partial update of the visit row.
    await xaddJson(redis.client, ROWS, batch('ccdvisit1_quicklook', ccdRows))
    await xaddJson(redis.client, ROWS, visit)
    await xaddJson(redis.client, ROWS, batch('visit1_quicklook', [{ day_obs: DAY, seq_num: 226, aos_fwhm: 0.61 }]))
    await xaddJson(redis.client, ROWS, batch('exposure_quicklook', [{ day_obs: DAY, seq_num: 226, not_a_column: 1 }]))
    await until('every entry', async () => (status().counts.entries === 6 ? true : undefined))
    await until('nothing pending', async () =>
      ((await redis.client.xpending(ROWS, CONSUMER_GROUPS.consdbRows)) as [number])[0] === 0 ? true : undefined,
    )
    expect(await count(db, 'cdb_lsstcam.ccdvisit1_quicklook')).toBe(3)
    expect(await count(db, 'cdb_lsstcam.visit1_quicklook')).toBe(1)
    expect(await count(db, 'cdb_lsstcam.exposure_quicklook')).toBe(0)
    // Read through the writer's own pool: BIGINT comes back as an exact number (every id is below 2^53).
    const pool = createPool({ connectionString: db.url(), max: 1 })
    const row = await pool
      .query<{ visit_id: number; n_inputs: number; aos_fwhm: number }>(
        'SELECT visit_id, n_inputs, aos_fwhm FROM cdb_lsstcam.visit1_quicklook',
      )
      .finally(() => pool.end())
    expect(row.rows[0]).toEqual({ visit_id: 2025111500226, n_inputs: 3, aos_fwhm: expect.closeTo(0.61, 5) })
    const ccd = await db.query<{ ccdvisit_id: string }>(
      'SELECT ccdvisit_id FROM cdb_lsstcam.ccdvisit1_quicklook WHERE detector = 94',
    )
    const announced = await redis.client.hgetall(keys.key('consdbAnnounced', { dayObs: DAY }))
    expect(announced).toEqual({
      'lsstcam-visit1_quicklook-2025111500226': '1',
      ...Object.fromEntries(
        [94, 95, 96].map((d) => [`lsstcam-ccdvisit1_quicklook-${Number(ccd.rows[0]?.ccdvisit_id) + d - 94}`, '1']),
      ),
    })
    expect(await redis.client.ttl(keys.key('consdbAnnounced', { dayObs: DAY }))).toBeGreaterThan(0)
    const letters = entriesOf([[DEAD, (await redis.client.xrange(DEAD, '-', '+')) as never]], DEAD).map(
      (e) => JSON.parse(e.data ?? '{}') as { code: string; reason: string },
    )
    expect(letters).toEqual([
      expect.objectContaining({ code: 'RA_CONSDB_ROW_INVALID', reason: expect.stringContaining('not_a_column') }),
    ])
  })

  it('sets aside only the entry PostgreSQL refuses (value out of range) and writes the rest of the batch', async () => {
    await using db = await createScratchDatabase()
    await using redis = await startRedisServer()
    await using service = await startService(consdbWriterService(), env(redis.url, db.url()), { http: false })
    await until('ready', async () => (service.running.notReady?.().length === 0 ? true : undefined))
    const pipeline = redis.client.pipeline()
    xaddJson(pipeline, ROWS, batch('exposure_quicklook', [{ day_obs: DAY, seq_num: 1, mount_jitter_rms: 0.1 }]))
    // A finite double the row schema accepts but REAL cannot hold: SQLSTATE 22003.
    xaddJson(pipeline, ROWS, batch('exposure_quicklook', [{ day_obs: DAY, seq_num: 2, mount_jitter_rms: 1e300 }]))
    xaddJson(pipeline, ROWS, batch('exposure_quicklook', [{ day_obs: DAY, seq_num: 3, mount_jitter_rms: 0.3 }]))
    await pipeline.exec()
    await until('two rows', async () => ((await count(db, 'cdb_lsstcam.exposure_quicklook')) === 2 ? true : undefined))
    await until('nothing pending', async () =>
      ((await redis.client.xpending(ROWS, CONSUMER_GROUPS.consdbRows)) as [number])[0] === 0 ? true : undefined,
    )
    const seqs = await db.query<{ seq_num: number }>('SELECT seq_num FROM cdb_lsstcam.exposure_quicklook ORDER BY 1')
    expect(seqs.rows.map((r) => r.seq_num)).toEqual([1, 3])
    const letters = entriesOf([[DEAD, (await redis.client.xrange(DEAD, '-', '+')) as never]], DEAD).map(
      (e) => JSON.parse(e.data ?? '{}') as { code: string; reason: string },
    )
    expect(letters).toEqual([
      expect.objectContaining({ code: 'RA_CONSDB_ROW_REFUSED', reason: expect.stringContaining('22003') }),
    ])
  })

  it('keeps rows through a PostgreSQL outage and writes every one when it returns', async () => {
    await using db = await createScratchDatabase()
    await using redis = await startRedisServer()
    await using proxy = await startTcpProxy(5432)
    await using service = await startService(consdbWriterService(), env(redis.url, db.url(proxy.port)), { http: false })
    await until('ready', async () => (service.running.notReady?.().length === 0 ? true : undefined))
    await xaddJson(
      redis.client,
      ROWS,
      batch('exposure_quicklook', [{ day_obs: DAY, seq_num: 1, mount_jitter_rms: 0.1 }]),
    )
    await until('the first row', async () =>
      (await count(db, 'cdb_lsstcam.exposure_quicklook')) === 1 ? true : undefined,
    )

    await proxy.cut()
    const during = Array.from({ length: 20 }, (_, i) =>
      batch('exposure_quicklook', [{ day_obs: DAY, seq_num: 10 + i, mount_jitter_rms: i }]),
    )
    for (const b of during) await xaddJson(redis.client, ROWS, b)
    await xaddJson(
      redis.client,
      ROWS,
      batch('ccdvisit1_quicklook', [{ day_obs: DAY, seq_num: 10, detector: 0, psf_sigma: 2 }], 'LATISS'),
    )
    const failing = await until('the outage in /status', async () => {
      const s = (service.running.status?.() ?? {}) as {
        failing: { error: string } | null
        backlog: { pending: number } | null
      }
      return s.failing && (s.backlog?.pending ?? 0) > 0 ? s : undefined
    })
    expect(failing.failing?.error).toBeTruthy()
    expect(await count(db, 'cdb_lsstcam.exposure_quicklook')).toBe(1)

    await proxy.restore()
    await until('every row', async () =>
      (await count(db, 'cdb_lsstcam.exposure_quicklook')) === 21 ? true : undefined,
    )
    await until('nothing pending', async () =>
      ((await redis.client.xpending(ROWS, CONSUMER_GROUPS.consdbRows)) as [number])[0] === 0 ? true : undefined,
    )
    expect(await count(db, 'cdb_latiss.ccdvisit1_quicklook')).toBe(1)
    expect(((service.running.status?.() ?? {}) as { failing: unknown }).failing).toBeNull()
  })
})
