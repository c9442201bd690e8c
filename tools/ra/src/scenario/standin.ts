// ----------------------------------------------------------------------------
// A stand-in for the quicklook pipelines' outputs, until the worker runs them:
// for each exposure whose per-detector step is gathered, it writes what the
// visit step will write — one product (through the runtime's ProductStore, so
// an S3 outage spools it), one metadata shard and one ConsDB visit row — all
// labelled producer `ra-cli`. The downstream services (S3, metadata server,
// ConsDB writer, RubinTV) are then exercised for real; the figures that need
// real measurements (FWHM against truth) stay pending while it is in use.
// ----------------------------------------------------------------------------
import { join } from 'node:path'
import {
  buildS3Key,
  type ConsdbRowBatch,
  cameraForInstrument,
  type GatherReady,
  type Instrument,
  type MetadataShard,
  parseExposureId,
  redisKeyMaxLength,
} from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import {
  connectRedis,
  createLogger,
  createS3Client,
  entriesOf,
  ProductStore,
  sleep,
  utcNow,
  xaddJson,
} from '@rubin/ra-runtime'

/** What the stand-in writes per exposure: the scenarios' expectations while it is in use. */
export const STAND_IN = { channel: 'focal_plane_mosaic', productsPerExposure: 1 } as const

export interface StandIn extends AsyncDisposable {
  /** Exposures (processing ids) it has written for. */
  readonly done: ReadonlySet<string>
  stop(): Promise<void>
}

export async function startStandIn(options: {
  readonly redisUrl: string
  readonly instrument: Instrument
  readonly s3: { endpoint: string; bucket: string }
  readonly spoolDir: string
}): Promise<StandIn> {
  const camera = cameraForInstrument(options.instrument)
  if (camera === undefined) throw new Error(`no camera for ${options.instrument}`)
  const redis = connectRedis({ url: options.redisUrl, name: 'ra-cli-stand-in' })
  const reader = connectRedis({ url: options.redisUrl, name: 'ra-cli-stand-in-reader' })
  const s3 = createS3Client({ endpoint: options.s3.endpoint, maxAttempts: 1 })
  const store = new ProductStore({
    s3,
    bucket: options.s3.bucket,
    redis,
    producer: 'ra-cli',
    logger: createLogger('ra-cli', 'silent'),
    spoolDir: join(options.spoolDir, 'stand-in'),
    retryMs: { first: 200, max: 1000 },
  })
  await store.start()
  const done = new Set<string>()
  const stream = redis.keys.key('completions', { instrument: options.instrument })
  let running = true

  const write = async (gather: GatherReady) => {
    const id = parseExposureId(Number(gather.processingId))
    if (!id.ok) return
    const { dayObs, seqNum } = id.value
    const key = buildS3Key({ kind: 'event', camera, channel: STAND_IN.channel, dayObs, seq: seqNum, ext: 'json' })
    if (!key.ok) throw new Error(`stand-in key: ${key.issues.map((i) => i.message).join('; ')}`)
    const body = JSON.stringify({ standIn: true, processingId: gather.processingId, failed: gather.failedDetectors })
    await store.put({ key: key.value, body, contentType: 'application/json' })
    const shard: MetadataShard = {
      camera,
      dayObs,
      rows: { [String(seqNum)]: { 'Detectors gathered': gather.expected - gather.failedDetectors.length } },
      producer: 'ra-cli',
      writtenAt: utcNow(),
    }
    await xaddJson(redis.client, redis.keys.key('metadataShards'), shard, redisKeyMaxLength('metadataShards'))
    if (options.instrument === 'LSSTCam' || options.instrument === 'LATISS') {
      const batch: ConsdbRowBatch = {
        instrument: options.instrument,
        table: 'visit1_quicklook',
        rows: [{ day_obs: dayObs, seq_num: seqNum, n_inputs: gather.expected - gather.failedDetectors.length }],
        producer: 'ra-cli',
        writtenAt: utcNow(),
      }
      await xaddJson(redis.client, redis.keys.key('consdbRows'), batch, redisKeyMaxLength('consdbRows'))
    }
    done.add(gather.processingId)
  }

  const loop = (async () => {
    let from = '0'
    while (running) {
      try {
        const reply = (await reader.client.xread('COUNT', 100, 'BLOCK', 500, 'STREAMS', stream, from)) as
          | [string, [string, string[]][]][]
          | null
        for (const entry of entriesOf(reply, stream)) {
          const parsed = parseMessage('GatherReady', entry.data ?? '')
          const gather = parsed.ok ? (parsed.value as GatherReady) : undefined
          if (gather?.who === 'SFM' && !done.has(gather.processingId)) await write(gather)
          from = entry.id // only once written: a failed write is tried again from here
        }
      } catch {
        // Redis away (the redis-restart scenario): try again shortly; entries are re-read from `from`.
        if (running) await sleep(250)
      }
    }
  })()

  const stop = async () => {
    running = false
    // Disconnecting first fails a read that waits for a Redis that is gone (Ctrl-C stops Redis too).
    reader.client.disconnect()
    await loop
    const bounded = (p: Promise<unknown>) => Promise.race([p.catch(() => {}), sleep(3000)])
    await bounded(store.stop())
    s3.destroy()
    await bounded(redis.close())
    redis.client.disconnect()
  }
  return { done, stop, [Symbol.asyncDispose]: stop }
}
