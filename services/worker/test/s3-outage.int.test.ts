// An S3 outage while a quicklook payload runs: the worker runs it again with backoff
// (DESIGN §6) instead of failing the detector, and finishes it once S3 answers; a
// payload whose S3 never comes back fails after the configured window, with a reason.
// Real Redis, the real S3 server (raws and products), the worker service in-process.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { s3Sink, simulateExposure } from '@rubin/ra-camera-simulator'
import { buildS3Key } from '@rubin/ra-contract'
import { createS3Client, readObject } from '@rubin/ra-runtime'
import { startRedisServer, startS3Server } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import { claimed, eventually, push, startWorker, timings, workerIdFor } from './harness.ts'
import { processPayload } from './payloads.ts'

const DAY_OBS = 20251116
const SEQ = 31
const EXPOSURE = 2025111600031
const WITNESS = 94
const RAWS = 'raws'
const PRODUCTS = 'rubintv'

async function setUp() {
  const redis = await startRedisServer()
  const s3 = await startS3Server({ buckets: [RAWS, PRODUCTS] })
  const spool = await mkdtemp(join(tmpdir(), 'ra-worker-outage-spool-'))
  const client = createS3Client({ endpoint: s3.endpoint, maxAttempts: 1 })
  const exposure = simulateExposure({
    instrument: 'LSSTCam',
    dayObs: DAY_OBS,
    seqNum: SEQ,
    start: new Date('2025-11-17T02:00:00Z'),
    seed: 11,
    imageType: 'science',
    detectors: [WITNESS],
    binning: 4,
    seeing: 1.9,
  })
  await s3Sink(client, RAWS).land(exposure)
  const env = (retryS: number) => ({
    RA_PIPELINES: JSON.stringify({ '*': { kind: 'quicklook' } }),
    RA_RAW_URI: `s3://${RAWS}/`,
    RA_S3_ENDPOINT: s3.endpoint,
    RA_S3_BUCKET: PRODUCTS,
    RA_PRODUCT_SPOOL_DIR: spool,
    RA_WORKER_DETECTOR: String(WITNESS),
    RA_WORKER_TRANSIENT_RETRY_S: String(retryS),
  })
  return {
    redis,
    s3,
    client,
    env,
    async [Symbol.asyncDispose]() {
      client.destroy()
      await s3.dispose()
      await redis[Symbol.asyncDispose]()
      await rm(spool, { recursive: true, force: true })
    },
  }
}

const witnessKey = () => {
  const built = buildS3Key({
    kind: 'event',
    camera: 'lsstcam',
    channel: 'witness_detector',
    dayObs: DAY_OBS,
    seq: SEQ,
    ext: 'jpg',
  })
  if (!built.ok) throw new Error('witness key does not build')
  return built.value
}

describe('a quicklook payload through an S3 outage', () => {
  it('waits for S3 and finishes: no failed detector, the product is written once S3 is back', async () => {
    await using t = await setUp()
    await using _worker = await startWorker(t.redis, t.env(60))
    await t.s3.stop()
    await push(t.redis.client, workerIdFor(WITNESS), processPayload({ exposure: EXPOSURE, detector: WITNESS }))
    // While S3 is away the payload stays claimed and nothing is recorded as ended.
    await eventually(() => claimed(t.redis.client, workerIdFor(WITNESS))).toHaveLength(1)
    await new Promise((r) => setTimeout(r, 2500))
    expect(await timings(t.redis.client)).toEqual([])
    await t.s3.start()
    await eventually(async () => (await timings(t.redis.client)).map((x) => x.outcome), 30_000).toEqual(['finished'])
    expect(await readObject(t.client, PRODUCTS, witnessKey())).toBeDefined()
    expect(await claimed(t.redis.client, workerIdFor(WITNESS))).toEqual([])
  })

  it('fails the payload, naming the cause, when S3 stays away longer than the retry window', async () => {
    await using t = await setUp()
    await using _worker = await startWorker(t.redis, t.env(2))
    await t.s3.stop()
    await push(t.redis.client, workerIdFor(WITNESS), processPayload({ exposure: EXPOSURE, detector: WITNESS }))
    await eventually(() => timings(t.redis.client), 20_000).toHaveLength(1)
    const [timing] = await timings(t.redis.client)
    expect(timing?.outcome).toBe('failed')
    expect(timing?.reason).toMatch(/ECONNREFUSED.*still failing after \d+ runs over 2 s/)
  })
})
