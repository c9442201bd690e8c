// The one-off runners against a private Redis, the real S3 server and camera-simulator raws
// (8× binned, only the detectors the one-offs read): products land at the contract's keys with
// decodable images, ObjectWritten follows each, and the row messages validate.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { directorySink, simulateExposure } from '@rubin/ra-camera-simulator'
import { detectorsOf, type ExposureRecord, type ProcessPayload, parseS3Key } from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { connectRedis, createLogger, entriesOf, type RedisHandle, readObject } from '@rubin/ra-runtime'
import { startRedisServer, startS3Server } from '@rubin/ra-runtime/testing'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { oneOffRunners } from '../src/pipelines/oneoffs/index.ts'
import { buildQuicklookDeps } from '../src/pipelines/quicklook/build-deps.ts'
import type { PipelineRunner } from '../src/pipelines/types.ts'

const logger = createLogger('oneoffs-test', 'silent')
const BUCKET = 'rubintv'
const lsstcam = detectorsOf('LSSTCam')
const guiders = lsstcam.filter((d) => d.purpose === 'guider').map((d) => d.id)
const wavefront = lsstcam.filter((d) => d.purpose === 'wavefront').map((d) => d.id)

async function tempDir(): Promise<AsyncDisposable & { path: string }> {
  const path = await mkdtemp(join(tmpdir(), 'ra-oneoffs-'))
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) }
}

function payload(record: ExposureRecord, over: Partial<ProcessPayload>): ProcessPayload {
  return {
    kind: 'process',
    payloadId: `${record.exposureId}-ONE-OFF-TEST-1`,
    instrument: 'LSSTCam',
    step: 'oneOff',
    who: 'ONE_OFF',
    dataIds: [{ instrument: 'LSSTCam', exposure: record.exposureId }],
    run: 'LSSTCam/runs/quickLook/1',
    specialMessage: '',
    attempt: 1,
    enqueuedAt: new Date().toISOString(),
    ...over,
  }
}

async function stream(redis: RedisHandle, name: 'objectWritten' | 'metadataShards' | 'consdbRows') {
  const key = redis.keys.key(name)
  return entriesOf([[key, await redis.client.xrange(key, '-', '+')]], key).map((e) => e.data ?? '')
}

const context = { instrument: 'LSSTCam' as const, signal: new AbortController().signal, logger }

async function setup() {
  const redisServer = await startRedisServer()
  const s3 = await startS3Server({ buckets: [BUCKET] })
  const raws = await tempDir()
  const spool = await tempDir()
  const redis = connectRedis({ url: redisServer.url, name: 'oneoffs-test' })
  const exposure = simulateExposure({
    instrument: 'LSSTCam',
    dayObs: 20251115,
    seqNum: 226,
    imageType: 'science',
    start: new Date('2025-11-16T03:12:05Z'),
    seed: 7,
    binning: 8,
    azimuth: 140,
    elevation: 65,
    rotation: 12,
    // Guider stamps 8× binned need a wide PSF to stay sampled (≈2 px FWHM).
    seeing: 3.5,
    ra: 320,
    dec: -15,
    detectors: [...guiders, ...wavefront],
  })
  const { record } = await directorySink(raws.path).land(exposure)
  const built = await buildQuicklookDeps({
    env: {
      RA_S3_ENDPOINT: s3.endpoint,
      RA_S3_REGION: 'us-east-1',
      RA_S3_ACCESS_KEY_ID: 'ra',
      RA_S3_SECRET_ACCESS_KEY: 'ra',
      RA_S3_BUCKET: BUCKET,
      RA_RAW_URI: pathToFileURL(`${raws.path}/`).href,
      RA_PRODUCT_SPOOL_DIR: spool.path,
      RA_SCRATCH_PREFIX: 'rapidAnalysisScratch',
    },
    instrument: 'LSSTCam',
    producer: 'worker',
    redis,
    logger,
  })
  const runners = oneOffRunners(built.deps)
  return {
    record,
    redis,
    runners,
    s3: built.deps.s3,
    async [Symbol.asyncDispose]() {
      await built.stop()
      await redis.close()
      await spool[Symbol.asyncDispose]()
      await raws[Symbol.asyncDispose]()
      await s3.stop()
      await redisServer[Symbol.asyncDispose]()
    },
  }
}

async function expectProducts(env: Awaited<ReturnType<typeof setup>>, outputs: readonly string[]) {
  const announced = (await stream(env.redis, 'objectWritten')).map((data) => {
    const parsed = parseMessage('ObjectWritten', data)
    expect(parsed.ok).toBe(true)
    return parsed.ok ? parsed.value.key : ''
  })
  const found: string[] = []
  for (const key of outputs) {
    const parsed = parseS3Key(key)
    expect(parsed.ok && parsed.value.kind).toBe('event')
    if (!parsed.ok || parsed.value.kind !== 'event') continue
    expect([parsed.value.camera, parsed.value.dayObs, parsed.value.seq]).toEqual([
      parsed.value.camera,
      env.record.dayObs,
      env.record.seqNum,
    ])
    const object = await readObject(env.s3, BUCKET, key)
    expect(object, key).toBeDefined()
    const meta = await sharp(object?.body).metadata()
    expect(meta.width ?? 0).toBeGreaterThan(100)
    expect(meta.height ?? 0).toBeGreaterThan(100)
    expect(announced).toContain(key)
    found.push(`${parsed.value.camera}/${parsed.value.channel}`)
  }
  return found.sort()
}

const run = (runner: PipelineRunner | undefined, p: ProcessPayload) => {
  if (runner === undefined) throw new Error('runner missing')
  return runner.run(p, context)
}

describe('one-off runners', () => {
  it('are keyed by the contract’s one-off tasks and cwfs AOS pipelines', async () => {
    await using env = await setup()
    expect(Object.keys(env.runners).sort()).toEqual(
      [
        'AOS_AI_DONUT',
        'AOS_DANISH',
        'AOS_REFIT_WCS',
        'AOS_TARTS_UNPAIRED',
        'AOS_TIE',
        'AOS_UNPAIRED_DANISH',
        'EXPOSURE_RECORD',
        'GUIDER',
      ].sort(),
    )
  })

  it('EXPOSURE_RECORD: event timeline and mount plots, the record’s metadata cells, the ConsDB exposure row', async () => {
    await using env = await setup()
    const result = await run(env.runners.EXPOSURE_RECORD, payload(env.record, { task: 'EXPOSURE_RECORD' }))
    expect(result).toMatchObject({ outcome: 'finished' })
    const outputs = result.outcome === 'finished' ? (result.outputs ?? []) : []
    expect(await expectProducts(env, outputs)).toEqual(['lsstcam/event_timeline', 'lsstcam/mount'])
    const shards = (await stream(env.redis, 'metadataShards')).map((d) => parseMessage('MetadataShard', d))
    expect(shards).toHaveLength(1)
    const shard = shards[0]?.ok ? shards[0].value : undefined
    expect(shard?.camera).toBe('lsstcam')
    expect(shard?.rows['226']).toMatchObject({
      'Exposure time': env.record.exposureTime,
      'Image type': 'science',
      Filter: env.record.physicalFilter,
      _Filter: 'r_color',
      Airmass: expect.closeTo(1 / Math.cos((25 * Math.PI) / 180), 3),
      '_Mount motion image degradation': 'measured',
    })
    const batches = (await stream(env.redis, 'consdbRows')).map((d) => parseMessage('ConsdbRowBatch', d))
    expect(batches[0]?.ok && batches[0].value.table).toBe('exposure_quicklook')
    const row = batches[0]?.ok ? batches[0].value.rows[0] : undefined
    expect(row).toMatchObject({ exposure_id: env.record.exposureId, day_obs: 20251115, seq_num: 226 })
    expect(row?.mount_motion_image_degradation).toBeGreaterThan(0)
  })

  it('GUIDER: centroid, flux and PSF trends from the simulator’s stamps, and the guider ConsDB columns', async () => {
    await using env = await setup()
    const result = await run(env.runners.GUIDER, payload(env.record, { task: 'GUIDER' }))
    expect(result).toMatchObject({ outcome: 'finished' })
    const outputs = result.outcome === 'finished' ? (result.outputs ?? []) : []
    expect(await expectProducts(env, outputs)).toEqual([
      'lsstcam_guider/centroid_alt_az',
      'lsstcam_guider/flux_trend',
      'lsstcam_guider/psf_trend',
    ])
    const shards = (await stream(env.redis, 'metadataShards')).map((d) => parseMessage('MetadataShard', d))
    expect(shards.map((s) => s.ok && s.value.camera)).toEqual(['lsstcam_guider'])
    const batches = (await stream(env.redis, 'consdbRows')).map((d) => parseMessage('ConsdbRowBatch', d))
    const row = batches[0]?.ok ? batches[0].value.rows[0] : undefined
    expect(row?.guider_n_tracked_stars).toBe(guiders.length)
    expect(row?.guider_psf_fwhm).toBeGreaterThan(0)
  })

  it('AOS: a wavefront detector’s step1a measures it; the visit step renders the lsstcam_aos products', async () => {
    await using env = await setup()
    const detector = wavefront[0] as number
    const step1a = await run(
      env.runners.AOS_DANISH,
      payload(env.record, {
        step: 'step1a',
        who: 'AOS',
        pipeline: 'AOS_DANISH',
        dataIds: [{ instrument: 'LSSTCam', exposure: env.record.exposureId, detector }],
      }),
    )
    expect(step1a).toEqual({ outcome: 'finished', outputs: [] })
    const visit = await run(
      env.runners.AOS_DANISH,
      payload(env.record, {
        step: 'step1b',
        who: 'AOS',
        pipeline: 'AOS_DANISH',
        dataIds: [{ instrument: 'LSSTCam', visit: env.record.exposureId }],
      }),
    )
    expect(visit).toMatchObject({ outcome: 'finished' })
    const outputs = visit.outcome === 'finished' ? (visit.outputs ?? []) : []
    expect(await expectProducts(env, outputs)).toEqual([
      'lsstcam_aos/donut_fits',
      'lsstcam_aos/fp_donut_gallery',
      'lsstcam_aos/fp_pairing_plot',
      'lsstcam_aos/zk_measurement_pyramid',
      'lsstcam_aos/zk_residual_pyramid',
    ])
    const shards = (await stream(env.redis, 'metadataShards')).map((d) => parseMessage('MetadataShard', d))
    const cells = shards[0]?.ok ? shards[0].value.rows['226'] : undefined
    expect(cells?.['Donuts measured']).toBeGreaterThanOrEqual(wavefront.length * 4)
    // In focus: every half-chip's defocus is its nominal 1.5 mm, so the focus offset is near 0.
    expect(Math.abs(Number(cells?.['AOS focus offset (mm)']))).toBeLessThan(0.15)
  })

  it('fails with a stable code when the exposure has no record, or the detector is not a wavefront sensor', async () => {
    await using env = await setup()
    const missing = { ...env.record, exposureId: env.record.exposureId + 1 }
    expect(await run(env.runners.EXPOSURE_RECORD, payload(missing, { task: 'EXPOSURE_RECORD' }))).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/^RA_ONEOFF_NO_RECORD: /),
    })
    const science = payload(env.record, {
      step: 'step1a',
      who: 'AOS',
      pipeline: 'AOS_TIE',
      dataIds: [{ instrument: 'LSSTCam', exposure: env.record.exposureId, detector: 94 }],
    })
    expect(await run(env.runners.AOS_TIE, science)).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/^RA_ONEOFF_BAD_PAYLOAD: /),
    })
    expect(await stream(env.redis, 'objectWritten')).toEqual([])
  })
})
