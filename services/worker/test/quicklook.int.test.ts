// The quicklook pipeline end to end on a simulated exposure: real Redis, the real S3 server,
// raws landed by the camera simulator. Step1a per detector (one raw corrupted), the mosaic
// one-off and step1b; products at the contract keys, ObjectWritten, shard values vs truth,
// ConsDB row batches validated with the contract.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { directorySink, simulateExposure } from '@rubin/ra-camera-simulator'
import {
  buildS3Key,
  QUICKLOOK_METADATA_COLUMNS as COL,
  type ConsdbRowBatch,
  detectorById,
  type MetadataShard,
  type ObjectWritten,
  type ProcessPayload,
} from '@rubin/ra-contract'
import { parseMessage, validate } from '@rubin/ra-contract/validate'
import { connectRedis, createLogger, entriesOf, readObject } from '@rubin/ra-runtime'
import { startRedisServer, startS3Server } from '@rubin/ra-runtime/testing'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { buildQuicklookDeps } from '../src/pipelines/quicklook/build-deps.ts'
import { quicklookPipeline } from '../src/pipelines/quicklook/pipeline.ts'
import { currentWitness } from '../src/pipelines/quicklook/witness.ts'

const INSTRUMENT = 'LSSTCam'
const DAY_OBS = 20251115
const SEQ = 226
const EXPOSURE = 2025111500226
const GOOD = [94, 93, 95]
const CORRUPT = 85
const BUCKET = 'rubintv'

const logger = createLogger('worker-quicklook-test', 'silent')
const context = { instrument: INSTRUMENT, signal: new AbortController().signal, logger } as const

function payload(fields: Partial<ProcessPayload> & Pick<ProcessPayload, 'payloadId' | 'step' | 'who' | 'dataIds'>) {
  const p: ProcessPayload = {
    kind: 'process',
    instrument: INSTRUMENT,
    run: 'LSSTCam/runs/quickLook/1',
    specialMessage: '',
    attempt: 1,
    enqueuedAt: new Date().toISOString(),
    ...fields,
  }
  expect(validate('Payload', p).ok).toBe(true)
  return p
}

const eventKey = (channel: string, ext: string) => {
  const built = buildS3Key({ kind: 'event', camera: 'lsstcam', channel, dayObs: DAY_OBS, seq: SEQ, ext } as never)
  if (!built.ok) throw new Error('bad key')
  return built.value
}

async function streamMessages<T>(client: import('ioredis').Redis, key: string, name: string): Promise<T[]> {
  const entries = entriesOf([[key, await client.xrange(key, '-', '+')]] as never, key)
  return entries.map((e) => {
    const parsed = parseMessage(name as never, e.data ?? '')
    if (!parsed.ok) throw new Error(`${name} invalid: ${JSON.stringify(parsed.issues)}`)
    return parsed.value as T
  })
}

describe('quicklook pipeline', () => {
  it('turns a raw exposure into products, scratch images, a metadata row and ConsDB rows', async () => {
    await using redisServer = await startRedisServer()
    await using s3Server = await startS3Server()
    await s3Server.bucket(BUCKET)
    const root = await mkdtemp(join(tmpdir(), 'ra-worker-raw-'))
    const spool = await mkdtemp(join(tmpdir(), 'ra-worker-spool-'))
    const redis = connectRedis({ url: redisServer.url, name: 'quicklook-test' })
    await using _cleanup = {
      async [Symbol.asyncDispose]() {
        await redis.close()
        await rm(root, { recursive: true, force: true })
        await rm(spool, { recursive: true, force: true })
      },
    }
    const detectors = [...GOOD, CORRUPT]
    const exposure = simulateExposure({
      instrument: INSTRUMENT,
      dayObs: DAY_OBS,
      seqNum: SEQ,
      start: new Date('2025-11-16T03:12:00Z'),
      seed: 5,
      imageType: 'science',
      detectors,
      binning: 2,
      seeing: 1.6,
    })
    const landed = await directorySink(root).land(exposure)
    // A truncated raw: step1a must fail with the quicklook code, the visit must still complete.
    const corruptName = detectorById(INSTRUMENT, CORRUPT)?.name as string
    const corruptPath = join(
      root,
      INSTRUMENT,
      String(DAY_OBS),
      landed.record.obsId,
      `${landed.record.obsId}_${corruptName}.fits`,
    )
    await writeFile(corruptPath, (await readFile(corruptPath)).subarray(0, 5000))

    const built = await buildQuicklookDeps({
      env: {
        RA_S3_ENDPOINT: s3Server.endpoint,
        RA_S3_REGION: 'us-east-1',
        RA_S3_ACCESS_KEY_ID: 'ra',
        RA_S3_SECRET_ACCESS_KEY: 'ra',
        RA_S3_BUCKET: BUCKET,
        RA_RAW_URI: pathToFileURL(`${root}/`).href,
        RA_PRODUCT_SPOOL_DIR: spool,
        RA_SCRATCH_PREFIX: 'rapidAnalysisScratch',
      },
      instrument: INSTRUMENT,
      producer: 'worker',
      redis,
      logger,
    })
    await using _deps = { [Symbol.asyncDispose]: () => built.stop() }
    const { deps } = built
    expect(deps.witnessDetector).toBe(94)
    const pipeline = quicklookPipeline({ kind: 'quicklook' }, deps)
    // What the head node writes at fan-out.
    const keys = redis.keys
    await redisServer.client.sadd(
      keys.key('expectedDetectors', { instrument: INSTRUMENT, who: 'SFM', processingId: String(EXPOSURE) }),
      ...detectors.map(String),
    )

    // The WITNESS_DETECTOR control (by name) moves the witness products to detector 95.
    const witnessControl = keys.key('control', { control: 'WITNESS_DETECTOR' })
    const witnessName = detectorById(INSTRUMENT, 95)?.name as string
    await redisServer.client.set(witnessControl, witnessName.toLowerCase())
    const witnessOutputs: Record<number, boolean> = {}
    for (const detector of detectors) {
      const result = await pipeline.run(
        payload({
          payloadId: `${EXPOSURE}-SFM-${String(detector).padStart(3, '0')}-1`,
          step: 'step1a',
          who: 'SFM',
          pipeline: 'SFM',
          dataIds: [{ instrument: INSTRUMENT, exposure: EXPOSURE, detector }],
        }),
        context,
      )
      if (detector === CORRUPT) {
        expect(result.outcome).toBe('failed')
        expect(result.outcome === 'failed' && result.reason).toMatch(/^RA_QUICKLOOK_BAD_FITS: /)
      } else {
        expect(result).toMatchObject({ outcome: 'finished' })
        witnessOutputs[detector] =
          result.outcome === 'finished' && (result.outputs ?? []).includes(eventKey('witness_detector', 'jpg'))
      }
    }
    expect(witnessOutputs).toEqual({ 93: false, 94: false, 95: true })
    // Invalid or non-imaging values fall back to the default (94); so does no value.
    for (const value of ['R99_S99', 'R00_SG0', '"; DROP', '']) {
      await redisServer.client.set(witnessControl, value)
      expect(await currentWitness(deps), value).toBe(94)
    }
    await redisServer.client.set(witnessControl, '093')
    expect(await currentWitness(deps)).toBe(93)
    await redisServer.client.del(witnessControl)
    expect(await currentWitness(deps)).toBe(94)
    // Scratch binned images: one per good detector, 8× on top of the raw's 2×.
    for (const detector of GOOD) {
      const name = detectorById(INSTRUMENT, detector)?.name
      const key = buildS3Key({
        kind: 'scratchBinnedImage',
        scratchPrefix: 'rapidAnalysisScratch',
        dayObs: DAY_OBS,
        seq: SEQ,
        instrument: INSTRUMENT,
        dataProduct: 'post_isr_image',
        detectorName: name,
        binSize: 16,
      } as never)
      expect(key.ok && (await readObject(deps.s3, BUCKET, key.value))).toBeTruthy()
    }

    const mosaicPayload = payload({
      payloadId: `${EXPOSURE}-ONE-OFF-MOSAIC-POST-ISR-1`,
      step: 'oneOff',
      who: 'ONE_OFF',
      task: 'MOSAIC_POST_ISR',
      dataIds: [{ instrument: INSTRUMENT, exposure: EXPOSURE }],
    })
    // A detector that finished but whose image is still spooled (S3 outage): the mosaic waits for it.
    const gatherSet = (set: 'finishedDetectors' | 'failedDetectors') =>
      keys.key(set, { instrument: INSTRUMENT, who: 'SFM', processingId: String(EXPOSURE) })
    const spooled = 96
    await redisServer.client.sadd(gatherSet('finishedDetectors'), ...[...detectors, spooled].map(String))
    await redisServer.client.sadd(gatherSet('failedDetectors'), String(CORRUPT))
    const early = await pipeline.run(mosaicPayload, context)
    expect(early).toMatchObject({ outcome: 'failed', retryable: true })
    expect(early.outcome === 'failed' && early.reason).toMatch(
      new RegExp(`^RA_WORKER_MOSAIC_IMAGES_PENDING: 1 .*${detectorById(INSTRUMENT, spooled)?.name}`),
    )
    await redisServer.client.srem(gatherSet('finishedDetectors'), String(spooled))
    const mosaic = await pipeline.run(mosaicPayload, context)
    expect(mosaic).toEqual({ outcome: 'finished', outputs: [eventKey('focal_plane_mosaic', 'jpg')] })
    const step1b = await pipeline.run(
      payload({
        payloadId: `${EXPOSURE}-SFM-step1b-1`,
        step: 'step1b',
        who: 'SFM',
        pipeline: 'SFM',
        dataIds: [{ instrument: INSTRUMENT, visit: EXPOSURE }],
      }),
      context,
    )
    expect(step1b).toMatchObject({ outcome: 'finished' })

    // Products at the contract keys, decodable, with an ObjectWritten each.
    const products = {
      witness_detector: 'jpg',
      imexam: 'png',
      focal_plane_mosaic: 'jpg',
      fwhm_focal_plane: 'png',
      psf_shape_azel: 'png',
    }
    for (const [channel, ext] of Object.entries(products)) {
      const object = await readObject(deps.s3, BUCKET, eventKey(channel, ext))
      expect(object, channel).toBeDefined()
      const meta = await sharp(object?.body).metadata()
      expect(meta.format).toBe(ext === 'jpg' ? 'jpeg' : 'png')
      expect(meta.width).toBeGreaterThan(100)
    }
    const written = await streamMessages<ObjectWritten>(redisServer.client, keys.key('objectWritten'), 'ObjectWritten')
    expect(written.map((w) => w.channel).sort()).toEqual(Object.keys(products).sort())

    // The metadata row: FWHM within 5 % of the simulator's truth (median over the good detectors).
    const shards = await streamMessages<MetadataShard>(redisServer.client, keys.key('metadataShards'), 'MetadataShard')
    expect(shards).toHaveLength(1)
    const row = shards[0]?.rows[String(SEQ)] ?? {}
    expect(shards[0]).toMatchObject({ camera: 'lsstcam', dayObs: DAY_OBS, producer: 'worker' })
    const truths = exposure.truth.detectors.filter((d) => GOOD.includes(d.detectorId)).map((d) => d.psf.fwhmArcsec)
    const truthMedian = truths.sort((a, b) => a - b)[1] as number
    expect(Math.abs((row[COL.psfFwhm] as number) / truthMedian - 1)).toBeLessThan(0.05)
    expect(row[`_${COL.psfFwhm}`]).toBe('measured')
    expect(row[COL.retrievalFails]).toBe(1)
    expect(row[COL.psfStarCount]).toBeGreaterThan(20)

    // ConsDB rows: per detector (good ones) and per visit, each row valid against its table's message.
    const batches = await streamMessages<ConsdbRowBatch>(redisServer.client, keys.key('consdbRows'), 'ConsdbRowBatch')
    const byTable = (table: string) => batches.filter((b) => b.table === table).flatMap((b) => b.rows)
    expect(byTable('ccdvisit1_quicklook').map((r) => r.detector)).toEqual(GOOD)
    expect(byTable('ccdexposure_quicklook').map((r) => r.detector)).toEqual(GOOD)
    const visitRows = byTable('visit1_quicklook')
    expect(visitRows).toEqual([expect.objectContaining({ visit_id: EXPOSURE, n_inputs: GOOD.length })])
    for (const r of byTable('ccdvisit1_quicklook')) {
      expect(validate('CcdVisit1QuicklookRow', { ...r, ccdvisit_id: 1 }).ok).toBe(true)
    }
    for (const r of byTable('ccdexposure_quicklook')) {
      expect(validate('CcdExposureQuicklookRow', { ...r, ccdexposure_id: 1 }).ok).toBe(true)
    }
    expect(validate('Visit1QuicklookRow', visitRows[0]).ok).toBe(true)
    const sigmaMedian = visitRows[0]?.psf_sigma_median as number
    expect(Math.abs((sigmaMedian * 2.3548 * 0.4) / truthMedian - 1)).toBeLessThan(0.05)
  })
})
