// ----------------------------------------------------------------------------
// What a quicklook runner (step1a, step1b, mosaic, the one-offs) needs from the
// worker: where products go, where raws come from, Redis, and how to publish the
// two row streams (metadata shards for RubinTV's tables, ConsDB row batches for
// the ConsDB writer). Built once per worker by ./build-deps.ts; tests build it
// against a private Redis and S3.
// ----------------------------------------------------------------------------
import type { S3Client } from '@aws-sdk/client-s3'
import type {
  Camera,
  ConsdbRowBatch,
  DayObs,
  ExposureRecord,
  Instrument,
  MetadataRow,
  Service,
} from '@rubin/ra-contract'
import type { Logger, ProductStore, RedisHandle } from '@rubin/ra-runtime'

/** The parts of an ExposureRecord a raw lookup needs. */
export type RawLocation = Pick<ExposureRecord, 'instrument' | 'dayObs' | 'obsId' | 'rawUri'>

/**
 * Raw exposures laid out as the contract's `rawImage`/`rawRecord` keys, under a
 * directory (file:///dir/) or an S3 raw bucket (s3://bucket/prefix/). A record's
 * own `rawUri` (the exposure's folder) wins over the configured root.
 */
export interface RawStore {
  /** For logs and /status, e.g. `file:///data/raw/` or `s3://rubin-raw/`. */
  readonly describe: string
  /**
   * The ExposureRecord stored beside the raws (`rawRecord` key), found from the
   * exposure id alone (the payload carries no obsId): every controller the id may
   * stand for is tried. Undefined when no record exists.
   */
  exposureRecord(instrument: Instrument, exposureId: number): Promise<ExposureRecord | undefined>
  /** One detector's raw FITS bytes (`rawImage` key), or undefined when absent. */
  rawImage(location: RawLocation, detectorName: string): Promise<Uint8Array | undefined>
}

/** A MetadataShard without its envelope: producer and writtenAt are filled in. */
export interface ShardRows {
  readonly camera: Camera
  readonly dayObs: DayObs
  /** seq (decimal, unpadded) → cells. */
  readonly rows: Readonly<Record<string, MetadataRow>>
}

/** A ConsdbRowBatch without its envelope (instrument, producer, writtenAt are filled in). */
export interface ConsdbRows {
  readonly table: ConsdbRowBatch['table']
  readonly controller?: ConsdbRowBatch['controller']
  readonly rows: ConsdbRowBatch['rows']
}

export interface QuicklookDeps {
  /** Uploads a RubinTV product (contract key) and publishes its ObjectWritten. */
  readonly products: ProductStore
  /** For objects that are not RubinTV products (scratch binned images) and for reads. */
  readonly s3: S3Client
  /** The bucket products and scratch images live in. */
  readonly productBucket: string
  /** The `scratchPrefix` of scratchBinnedImage keys. */
  readonly scratchPrefix: string
  readonly raws: RawStore
  readonly redis: RedisHandle
  readonly logger: Logger
  readonly instrument: Instrument
  /** The RubinTV camera of the instrument (contract camera registry). */
  readonly camera: Camera
  /** The service this worker writes as (`worker` or `step1b-worker`). */
  readonly producer: Service
  /** The detector whose post-ISR image becomes `witness_detector` (R22_S11 = 94 on LSSTCam). */
  readonly witnessDetector: number
  /** Validates and XADDs a MetadataShard to the contract's `metadataShards` stream. */
  publishShard(shard: ShardRows): Promise<void>
  /** Validates and XADDs a ConsdbRowBatch to the contract's `consdbRows` stream (no-op without a ConsDB schema). */
  publishConsdbRows(batch: ConsdbRows): Promise<void>
}
