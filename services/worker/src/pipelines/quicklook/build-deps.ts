// ----------------------------------------------------------------------------
// QuicklookDeps from the worker's configuration: an S3 client and ProductStore
// (spooling through S3 outages), the raw store, the row publishers, and the
// RubinTV camera of the instrument; and the one-off runners of ../oneoffs.
// ----------------------------------------------------------------------------
import { cameraForInstrument, detectorByName, type Instrument, type Service } from '@rubin/ra-contract'
import {
  createS3Client,
  type Logger,
  ProductStore,
  type RedisHandle,
  type S3Config,
  s3SettingsFrom,
} from '@rubin/ra-runtime'
import { oneOffRunners } from '../oneoffs/index.ts'
import type { PipelineRunner } from '../types.ts'
import type { QuicklookDeps } from './deps.ts'
import { createRowPublishers } from './publish.ts'
import { createRawStore } from './raw-store.ts'

export interface QuicklookEnv extends S3Config {
  readonly RA_RAW_URI?: string
  readonly RA_PRODUCT_SPOOL_DIR: string
  readonly RA_SCRATCH_PREFIX: string
  readonly RA_WITNESS_DETECTOR?: number
}

/** The witness detector when none is configured: R22_S11 on LSSTCam (today's), else the first. */
export function defaultWitness(instrument: Instrument): number {
  return instrument === 'LSSTCam' ? (detectorByName(instrument, 'R22_S11')?.id ?? 0) : 0
}

export interface BuiltDeps {
  readonly deps: QuicklookDeps
  stop(): Promise<void>
}

export async function buildQuicklookDeps(options: {
  readonly env: QuicklookEnv
  readonly instrument: Instrument
  readonly producer: Service
  readonly redis: RedisHandle
  readonly logger: Logger
}): Promise<BuiltDeps> {
  const { env, instrument, producer, redis, logger } = options
  const camera = cameraForInstrument(instrument)
  if (camera === undefined) throw new Error(`RA_WORKER_NO_CAMERA: ${instrument} has no RubinTV camera`)
  const s3 = createS3Client(s3SettingsFrom(env))
  // The store retries by itself (spool + drain), so one SDK attempt per put.
  const storeS3 = createS3Client({ ...s3SettingsFrom(env), maxAttempts: 1 })
  const products = new ProductStore({
    s3: storeS3,
    bucket: env.RA_S3_BUCKET,
    redis,
    producer,
    logger,
    spoolDir: env.RA_PRODUCT_SPOOL_DIR,
  })
  await products.start()
  const publishers = createRowPublishers(redis, instrument, producer)
  const deps: QuicklookDeps = {
    products,
    s3,
    productBucket: env.RA_S3_BUCKET,
    scratchPrefix: env.RA_SCRATCH_PREFIX,
    raws: createRawStore(env.RA_RAW_URI ?? '', s3),
    redis,
    logger,
    instrument,
    camera,
    producer,
    witnessDetector: env.RA_WITNESS_DETECTOR ?? defaultWitness(instrument),
    publishShard: publishers.publishShard,
    publishConsdbRows: publishers.publishConsdbRows,
  }
  return {
    deps,
    async stop() {
      await products.stop()
      s3.destroy()
      storeS3.destroy()
    },
  }
}

/** The one-off runners (../oneoffs, keyed by task or pipeline id) over these dependencies. */
export function loadOneOffRunners(deps: QuicklookDeps): Record<string, PipelineRunner> {
  return oneOffRunners(deps)
}
