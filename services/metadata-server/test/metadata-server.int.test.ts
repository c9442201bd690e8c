// The metadata server against a private real Redis and the project's real S3 server: shards merge
// into one camera-day table, uploads happen only on change with one ObjectWritten each, bad shards
// become dead letters while the loop goes on, and neither an S3 outage nor a restart loses a row.
import { GetObjectCommand } from '@aws-sdk/client-s3'
import {
  CONSUMER_GROUPS,
  createRedisKeys,
  type MetadataShard,
  type MetadataTable,
  type ObjectWritten,
} from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import { createS3Client, entriesOf, startService, xaddJson } from '@rubin/ra-runtime'
import { startRedisServer, startS3Server } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import { metadataKey, metadataServerService } from '../src/index.ts'

const keys = createRedisKeys()
const SHARDS = keys.key('metadataShards')
const WRITTEN = keys.key('objectWritten')
const DEAD = keys.key('deadLetters')
const BUCKET = 'rubintv'
const DAY = 20251115
const TABLE_KEY = metadataKey('lsstcam', DAY)

function shard(rows: MetadataShard['rows'], dayObs = DAY): MetadataShard {
  return { camera: 'lsstcam', dayObs, rows, producer: 'worker', writtenAt: new Date().toISOString() }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

async function setup() {
  const redis = await startRedisServer()
  const s3server = await startS3Server({ buckets: [BUCKET] })
  const s3 = createS3Client({ endpoint: s3server.endpoint, maxAttempts: 1 })
  const env = {
    RA_REDIS_URL: redis.url,
    RA_S3_ENDPOINT: s3server.endpoint,
    RA_S3_BUCKET: BUCKET,
    RA_METADATA_RETRY_MAX_MS: '100',
    RA_LOG_LEVEL: 'error',
  }
  const start = () => startService(metadataServerService(), env, { http: false })
  const written = async (): Promise<ObjectWritten[]> =>
    entriesOf([[WRITTEN, (await redis.client.xrange(WRITTEN, '-', '+')) as never]], WRITTEN).map(
      (e) => JSON.parse(e.data ?? 'null') as ObjectWritten,
    )
  const table = async (): Promise<MetadataTable | undefined> => {
    try {
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: TABLE_KEY }))
      return JSON.parse(await (got.Body?.transformToString() ?? '{}')) as MetadataTable
    } catch {
      return undefined
    }
  }
  const pending = async () => ((await redis.client.xpending(SHARDS, CONSUMER_GROUPS.metadataShards)) as [number])[0]
  return {
    redis,
    s3server,
    start,
    written,
    table,
    pending,
    async [Symbol.asyncDispose]() {
      s3.destroy()
      await s3server.dispose()
      await redis.stop()
    },
  }
}

describe('metadata server', () => {
  it('merges a burst of shards into one table: one upload, one ObjectWritten, and none when nothing changed', async () => {
    await using t = await setup()
    await using service = await t.start()
    await until('the consumer group', async () => (service.running.notReady?.().length === 0 ? true : undefined))

    const burst = t.redis.client.pipeline()
    xaddJson(burst, SHARDS, shard({ '226': { 'Exposure time': 30, Filter: 'r_57', _Filter: 'r_color' } }))
    xaddJson(burst, SHARDS, shard({ '226': { 'PSF FWHM': '0.84', '_PSF FWHM': 'measured' } }))
    xaddJson(
      burst,
      SHARDS,
      shard({ '227': { 'Exposure time': 15, Seeing: 'nan', log: { DISPLAY_VALUE: '📖', a: 1 } } }),
    )
    xaddJson(burst, SHARDS, shard({ '227': { log: { b: 2 } } }))
    await burst.exec()

    const first = await until('the upload', async () => ((await t.written()).length > 0 ? t.written() : undefined))
    await until('all shards acknowledged', async () => ((await t.pending()) === 0 ? true : undefined))
    expect(await t.table()).toEqual({
      '226': { 'Exposure time': 30, Filter: 'r_57', _Filter: 'r_color', 'PSF FWHM': 0.84, '_PSF FWHM': 'measured' },
      '227': { 'Exposure time': 15, Seeing: null, log: { DISPLAY_VALUE: '📖', a: 1, b: 2 } },
    })
    const notes = await t.written()
    expect(notes).toHaveLength(1)
    const [note] = first
    expect(validate('ObjectWritten', note).ok).toBe(true)
    expect(note).toMatchObject({ kind: 'metadata', bucket: BUCKET, key: TABLE_KEY, camera: 'lsstcam', dayObs: DAY })
    expect(note?.changedSeqs).toEqual([226, 227])
    const status = (service.running.status?.() ?? {}) as { counts: { uploads: number; shards: number } }
    expect(status.counts).toMatchObject({ uploads: 1, shards: 4 })

    // A shard that changes nothing: acknowledged, no upload, no notification.
    await xaddJson(t.redis.client, SHARDS, shard({ '226': { 'PSF FWHM': 0.84 } }))
    await until('the no-op shard', async () =>
      ((service.running.status?.() ?? {}) as { counts: { shards: number } }).counts.shards === 5 &&
      (await t.pending()) === 0
        ? true
        : undefined,
    )
    expect(await t.written()).toHaveLength(1)
    expect(((service.running.status?.() ?? {}) as { counts: { uploads: number } }).counts.uploads).toBe(1)

    // One changed cell: one upload naming only that row; shard → upload well under 300 ms here.
    const sentAt = Date.now()
    await xaddJson(t.redis.client, SHARDS, shard({ '227': { Seeing: 0.7 } }))
    const second = await until('the second upload', async () => {
      const all = await t.written()
      return all.length === 2 ? all[1] : undefined
    })
    expect(Date.now() - sentAt).toBeLessThan(1000)
    expect(second.changedSeqs).toEqual([227])
    expect((await t.table())?.['227']?.Seeing).toBe(0.7)
  })

  it('sets an invalid shard aside as a dead letter and goes on merging', async () => {
    await using t = await setup()
    await using service = await t.start()
    await t.redis.client.xadd(SHARDS, '*', 'data', '{"camera":"lsstcam"')
    await xaddJson(t.redis.client, SHARDS, shard({ '5': { _Filter: 'purple' } }))
    await xaddJson(t.redis.client, SHARDS, shard({ '6': { 'Exposure time': 1 } }))
    await until('the valid row', async () => ((await t.table())?.['6'] ? true : undefined))
    const letters = entriesOf([[DEAD, (await t.redis.client.xrange(DEAD, '-', '+')) as never]], DEAD).map(
      (e) => JSON.parse(e.data ?? '{}') as { code: string; service: string; reason: string },
    )
    expect(letters.map((l) => l.code)).toEqual(['RA_METADATA_SHARD_NOT_JSON', 'RA_METADATA_FLAG_INVALID'])
    expect(letters.every((l) => l.service === 'metadata-server' && l.reason.length > 0)).toBe(true)
    expect(await t.table()).toEqual({ '6': { 'Exposure time': 1 } })
    await until('nothing pending', async () => ((await t.pending()) === 0 ? true : undefined))
    expect(service.running.notReady?.()).toEqual([])
  })

  it('keeps shards unacknowledged through an S3 outage and a restart, and loses no row', async () => {
    await using t = await setup()
    {
      await using service = await t.start()
      await xaddJson(t.redis.client, SHARDS, shard({ '1': { a: 1 } }))
      await until('row 1 in S3', async () => ((await t.table())?.['1'] ? true : undefined))

      await t.s3server.stop()
      await xaddJson(t.redis.client, SHARDS, shard({ '2': { a: 2 } }))
      await xaddJson(t.redis.client, SHARDS, shard({ '1': { b: 1 } }))
      const failing = await until('the outage in /status', async () => {
        const s = (service.running.status?.() ?? {}) as { failing: unknown; backlog: { pending: number } | null }
        return s.failing && (s.backlog?.pending ?? 0) >= 2 ? s : undefined
      })
      expect(failing.failing).toMatchObject({ error: expect.any(String) })
      expect(await t.pending()).toBe(2)
      // The service stops (a pod replaced mid-outage) with the merged rows only in memory.
    }
    await xaddJson(t.redis.client, SHARDS, shard({ '3': { a: 3 } }))
    await t.s3server.start()
    await using _restarted = await t.start()
    await until('every row', async () => ((await t.table())?.['3'] ? true : undefined))
    await until('nothing pending', async () => ((await t.pending()) === 0 ? true : undefined))
    expect(await t.table()).toEqual({ '1': { a: 1, b: 1 }, '2': { a: 2 }, '3': { a: 3 } })
    const notes = await t.written()
    // Before the outage row 1 was announced; after the restart the replayed rows (1, 2) and the new one (3).
    expect(notes[0]?.changedSeqs).toEqual([1])
    expect(
      notes
        .slice(1)
        .flatMap((n) => n.changedSeqs ?? [])
        .sort(),
    ).toEqual([1, 2, 3])
    expect(notes.every((n) => validate('ObjectWritten', n).ok)).toBe(true)
  })
})
