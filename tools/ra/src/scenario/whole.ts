// ----------------------------------------------------------------------------
// The whole system on one machine, as real processes: a private redis-server,
// the project's S3 server (own port, own directory), an isolated PostgreSQL
// database reached through a TCP proxy we own (so a scenario can cut it without
// touching the shared server), the metadata server, the ConsDB writer, RubinTV
// when it exists, the snowflakes (timing diagrams), and the RA core (watcher,
// head node, cluster manager, workers). The workers run the real quicklook
// pipelines (`RA_PIPELINES` kind `quicklook`) on the raws the simulator lands in
// `rawDir`, writing products to the S3 server through a spool per process.
// Each process logs to `{logDir}/{name}.log`. Disposable: stops everything it
// started and drops the run's database.
// ----------------------------------------------------------------------------
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Instrument, LOCATIONS, S3_ENDPOINT_ENV } from '@rubin/ra-contract'
import {
  createScratchDatabase,
  freePort,
  type ScratchDatabase,
  startRedisServer,
  startTcpProxy,
  type TcpProxy,
  type TestRedisServer,
} from '@rubin/ra-runtime/testing'
import { ROOT } from '../processes.ts'
import { type S3Process, startS3Process } from './s3.ts'
import { type Launch, type RunningSystem, startSystem } from './system.ts'

export const RUBINTV_MAIN = 'services/rubintv/src/main.ts'
export const SNOWFLAKES_MAIN = 'services/snowflakes/src/main.ts'
/** The bucket of our one-machine location (RubinTV's `local`). */
export const LOCAL_BUCKET = LOCATIONS.local.bucket

export interface WholeOptions {
  readonly instrument: Instrument
  /** Where the S3 server keeps objects, raws land and producers spool. */
  readonly dataDir: string
  readonly logDir: string
  readonly pools: Readonly<Record<string, string>>
  /** Witness detector the workers render (RA_WITNESS_DETECTOR; the worker's default when absent). */
  readonly witnessDetector?: number
  /** Quicklook binning of step1a (RA_PIPELINES binFactor; the worker's default when absent). */
  readonly binFactor?: number
  /** Environment for every RA process, on top of the quicklook settings. */
  readonly env?: Readonly<Record<string, string>>
  /** Start RubinTV when its entry point exists (default true). */
  readonly rubintv?: boolean
  readonly progress?: (line: string) => void
}

export interface WholeSystem extends AsyncDisposable {
  readonly core: RunningSystem
  readonly redis: TestRedisServer
  readonly s3: S3Process
  readonly db: ScratchDatabase
  /** Between the ConsDB writer and PostgreSQL: `cut()` is a database outage. */
  readonly dbProxy: TcpProxy
  readonly rubintvUrl: string | undefined
  readonly dataDir: string
  readonly logDir: string
  readonly rawDir: string
  stop(): Promise<void>
}

export async function startWholeSystem(options: WholeOptions): Promise<WholeSystem> {
  const say = options.progress ?? (() => {})
  const cleanups: (() => Promise<void>)[] = []
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {})
  }
  try {
    await mkdir(options.logDir, { recursive: true })
    const rawDir = join(options.dataDir, 'raw')
    await mkdir(rawDir, { recursive: true })
    const redis = await startRedisServer()
    cleanups.push(() => redis.stop())
    say(`redis-server on ${redis.url}`)
    const s3 = await startS3Process({ dir: join(options.dataDir, 's3'), bucket: LOCAL_BUCKET, logDir: options.logDir })
    cleanups.push(() => s3.stop())
    say(`s3-server on ${s3.endpoint} (bucket ${LOCAL_BUCKET}, objects in ${s3.dir})`)
    const db = await createScratchDatabase({ prefix: 'ra_run' })
    cleanups.push(() => db.drop())
    const dbProxy = await startTcpProxy(Number(new URL(db.url()).port || 5432), new URL(db.url()).hostname)
    cleanups.push(() => dbProxy.cut())
    say(`PostgreSQL database ${db.name} (${db.url()}), ConsDB writer through proxy port ${dbProxy.port}`)

    const s3Env = { RA_S3_ENDPOINT: s3.endpoint, RA_S3_BUCKET: LOCAL_BUCKET, [S3_ENDPOINT_ENV]: s3.endpoint }
    const extra: Record<string, Launch> = {
      'metadata-server': {
        script: 'services/metadata-server/src/main.ts',
        env: { RA_METADATA_RETRY_MAX_MS: '1000' },
      },
      'consdb-writer': {
        script: 'services/consdb-writer/src/main.ts',
        env: { RA_CONSDB_URL: db.url(dbProxy.port), RA_CONSDB_RETRY_MAX_MS: '1000', RA_CONSDB_MIGRATE: 'true' },
      },
      // The performance monitor's ra_performance timing diagrams; no day movie during a run.
      snowflakes: { script: SNOWFLAKES_MAIN, env: { RA_DAY_MOVIE_AT: '' } },
    }
    let rubintvUrl: string | undefined
    if (options.rubintv !== false && existsSync(join(ROOT, RUBINTV_MAIN))) {
      const port = await freePort()
      rubintvUrl = `http://127.0.0.1:${port}`
      extra.rubintv = {
        script: RUBINTV_MAIN,
        env: { RUBINTV_PORT: String(port), RUBINTV_LOCATIONS: 'local', RUBINTV_RECONCILE_MS: '5000' },
      }
    }
    const quicklook = {
      RA_PIPELINES: JSON.stringify({
        '*': { kind: 'quicklook', ...(options.binFactor === undefined ? {} : { binFactor: options.binFactor }) },
      }),
      // Trailing slash: the raw store resolves contract keys under it.
      RA_RAW_URI: `${pathToFileURL(rawDir).href}/`,
      ...(options.witnessDetector === undefined ? {} : { RA_WITNESS_DETECTOR: String(options.witnessDetector) }),
    }
    const spoolRoot = join(options.dataDir, 'spool')
    const core = await startSystem({
      instrument: options.instrument,
      logDir: options.logDir,
      pools: options.pools,
      redis,
      env: { ...s3Env, ...quicklook, RA_SPOOL_DIR: spoolRoot, ...options.env },
      // A product spool per process (a pool gives each of its workers a directory inside it).
      processEnv: (name) => ({ RA_PRODUCT_SPOOL_DIR: join(spoolRoot, name) }),
      extra,
      progress: say,
    })
    cleanups.push(() => core.stop())
    const whole: WholeSystem = {
      core,
      redis,
      s3,
      db,
      dbProxy,
      rubintvUrl,
      dataDir: options.dataDir,
      logDir: options.logDir,
      rawDir,
      stop,
      [Symbol.asyncDispose]: stop,
    }
    return whole
  } catch (error) {
    await stop()
    throw error
  }
}
