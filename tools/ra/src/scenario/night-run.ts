// ----------------------------------------------------------------------------
// One night through the whole system: the camera simulator (in-process) lands
// raws and announces them; the RA core runs the real quicklook pipelines on
// them; products, metadata rows and ConsDB rows appear downstream. What each
// exposure should produce comes from ./expected-products.ts for this run. Scenarios add their fault through hooks
// (before exposure k lands, after the night) and their own figures on top of
// the common ones: exposures, products_expected/written, metadata_rows,
// consdb_rows and lost.
// ----------------------------------------------------------------------------
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { announceLanding, directorySink, type NightPlan, runNight, truthKeyOf } from '@rubin/ra-camera-simulator'
import { cameraForInstrument, type ExposureRecord, type Instrument } from '@rubin/ra-contract'
import { connectRedis, sleep } from '@rubin/ra-runtime'
import { summarize } from '../stats.ts'
import { observe } from './collect.ts'
import { SCENARIO_DAY_OBS } from './common.ts'
import { DEFAULT_WITNESS_DETECTOR, expectedProducts, type ProductTarget } from './expected-products.ts'
import { consdbRows, metadataRows, productsOf, readObjectWritten, type Written } from './measure.ts'
import { WHOLE_LSSTCAM_POOLS } from './system.ts'
import { startWholeSystem, type WholeSystem } from './whole.ts'

export interface NightRunOptions {
  readonly instrument: Instrument
  readonly exposures: number
  /** Seconds between exposures as landed (the plan's cadence at speed 1). */
  readonly cadenceS: number
  /** How long processing one exposure is expected to take (overload derives its cadence from it). */
  readonly pipelineMs: number
  /** Detectors the simulator writes (the head node still fans out to every detector). */
  readonly detectors?: readonly number[]
  readonly binning?: number
  readonly timeoutS: number
  readonly logDir: string
  readonly progress: (line: string) => void
  /** Per-exposure plan options (e.g. a fault), by 0-based index. */
  readonly planEntry?: (index: number) => Partial<NightPlan['exposures'][number]>
  /** Called before exposure `index` (0-based) lands. */
  readonly beforeExposure?: (index: number, system: WholeSystem) => Promise<void>
  /** Called after the last exposure has landed, before waiting for the results. */
  readonly afterNight?: (system: WholeSystem) => Promise<void>
  /** Called every 0.5 s while exposures land, with the latest tally (e.g. to sample lag). */
  readonly onTally?: (tally: Tally, system: WholeSystem) => void
}

export interface Landed {
  readonly record: ExposureRecord
  readonly at: number
  /** Where the simulator put the exposure's truth (`{obsId}_truth.json`). */
  readonly truthFile: string
}

export interface Tally {
  readonly landed: readonly Landed[]
  readonly written: readonly Written[]
  /** The day's metadata.json rows by seq. */
  readonly metadata: ReadonlyMap<string, Record<string, unknown>>
  /** What each exposure should produce. */
  readonly expected: readonly ProductTarget[]
  readonly consdb: Awaited<ReturnType<typeof consdbRows>>
  readonly coreMissing: number
}

export interface NightRun {
  readonly tally: Tally
  readonly figures: Record<string, unknown>
  readonly system: WholeSystem
}

/** Short system tests: the witness detector, two other imaging detectors and a wavefront pair. */
export const FEW_DETECTORS = [0, 94, 188, 191, 192] as const

/**
 * Seeing of the simulated night. The quicklook PSF stars must be resolved at the system tests'
 * binning: its cosmic-ray test rejects anything sharper than σ ≈ 0.85 px, and at --binning 4 a
 * pixel is 0.8″, so the FWHM has to be ≳ 1.6″ (≈ 2 binned px) for stars to be measured at all.
 */
export const SEEING_ARCSEC = 1.8

/** The products each science exposure of this run should produce (whole system, LSSTCam). */
export function expectedOf(options: NightRunOptions): ProductTarget[] {
  return expectedProducts({
    instrument: options.instrument,
    detectors: options.detectors ?? [],
    witnessDetector: DEFAULT_WITNESS_DETECTOR,
    mosaicWorker: true,
    snowflakes: true,
    canSeeSky: true,
  })
}

export async function runWholeNight(
  options: NightRunOptions,
  body?: (run: NightRun) => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const say = options.progress
  const camera = cameraForInstrument(options.instrument)
  if (camera === undefined) throw new Error(`no camera for ${options.instrument}`)
  const dataDir = await mkdtemp(join(tmpdir(), 'ra-scenario-'))
  try {
    await using system = await startWholeSystem({
      instrument: options.instrument,
      dataDir,
      logDir: options.logDir,
      pools: WHOLE_LSSTCAM_POOLS,
      witnessDetector: DEFAULT_WITNESS_DETECTOR,
      progress: say,
    })
    const expected = expectedOf(options)
    const landed: Landed[] = []
    let sampling = options.onTally !== undefined
    const sampler = (async () => {
      while (sampling) {
        const tally = await readTally(system, camera, landed, expected).catch(() => undefined)
        if (tally && sampling) options.onTally?.(tally, system)
        await sleep(500)
      }
    })()
    try {
      await land(options, system, landed)
      await options.afterNight?.(system)
    } finally {
      sampling = false
      await sampler
    }
    const tally = await waitForResults(options, system, camera, landed, expected)
    const figures = commonFigures(tally)
    const extra = body ? await body({ tally, figures, system }) : {}
    return { ...figures, ...extra }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function land(options: NightRunOptions, system: WholeSystem, landed: Landed[]): Promise<void> {
  const plan: NightPlan = {
    instrument: options.instrument as NightPlan['instrument'],
    dayObs: SCENARIO_DAY_OBS,
    start: new Date().toISOString(),
    cadenceSeconds: options.cadenceS,
    seed: 1,
    exposures: Array.from({ length: options.exposures }, (_, i) => ({
      imageType: 'science' as const,
      seeing: SEEING_ARCSEC + 0.05 * (i % 5),
      ...options.planEntry?.(i),
    })),
  }
  const redis = connectRedis({ url: system.redis.url, name: 'camera-simulator' })
  const files = directorySink(system.rawDir)
  try {
    await runNight(
      plan,
      {
        async land(exposure) {
          await options.beforeExposure?.(landed.length, system)
          const result = await files.land(exposure)
          // As the camera's announcer would: keep trying while Redis is away (redis-restart).
          for (let attempt = 0; ; attempt++) {
            try {
              await announceLanding(redis, result.record)
              break
            } catch (error) {
              if (attempt > 100) throw error
              await sleep(200)
            }
          }
          const recordKey = result.keys.at(-1) ?? ''
          landed.push({ record: result.record, at: Date.now(), truthFile: join(system.rawDir, truthKeyOf(recordKey)) })
          options.progress(`landed ${result.record.obsId} (${landed.length}/${options.exposures})`)
          return result
        },
      },
      {
        speed: 1,
        ...(options.binning === undefined ? {} : { binning: options.binning }),
        ...(options.detectors === undefined ? {} : { detectors: [...options.detectors] }),
      },
    )
  } finally {
    await redis.close()
  }
}

async function readTally(
  system: WholeSystem,
  camera: string,
  landed: readonly Landed[],
  expected: readonly ProductTarget[],
): Promise<Tally> {
  const redis = connectRedis({ url: system.redis.url, name: 'scenario' })
  try {
    const written = await readObjectWritten(redis)
    const metadata = await metadataRows(system.s3, camera as never, SCENARIO_DAY_OBS).catch(
      () => new Map<string, Record<string, unknown>>(),
    )
    const consdb = await consdbRows(system.db, landed[0]?.record.instrument ?? 'LSSTCam')
    const ids = landed.map((l) => String(l.record.exposureId))
    const observed = await observe(system.redis.url, landed[0]?.record.instrument ?? 'LSSTCam', ids, ['SFM'])
    const coreMissing = [...observed.missing.values()].reduce((n, d) => n + d.length, 0)
    return { landed, written, metadata, expected, consdb, coreMissing }
  } finally {
    await redis.close()
  }
}

/** Per exposure: expected products not written, metadata row and ConsDB visit row missing. */
export function missingOf(tally: Tally) {
  let products = 0
  let metadata = 0
  let consdb = 0
  for (const { record } of tally.landed) {
    const got = productsOf(tally.written, record.dayObs, record.seqNum)
    products += tally.expected.filter((t) => !got.some((w) => w.camera === t.camera && w.channel === t.channel)).length
    if (!tally.metadata.has(String(record.seqNum))) metadata++
    if (!tally.consdb.visits.has(`${record.dayObs}/${record.seqNum}`)) consdb++
  }
  return { products, metadata, consdb }
}

async function waitForResults(
  options: NightRunOptions,
  system: WholeSystem,
  camera: string,
  landed: readonly Landed[],
  expected: readonly ProductTarget[],
): Promise<Tally> {
  const deadline = Date.now() + options.timeoutS * 1000
  let tally = await readTally(system, camera, landed, expected)
  let last = ''
  for (;;) {
    const missing = missingOf(tally)
    const line = `products missing ${missing.products}, metadata rows missing ${missing.metadata}, ConsDB rows missing ${missing.consdb}`
    if (line !== last) options.progress(line)
    last = line
    if (
      (missing.products + missing.metadata + missing.consdb === 0 && tally.coreMissing === 0) ||
      Date.now() > deadline
    )
      return tally
    await sleep(500)
    tally = await readTally(system, camera, landed, expected)
  }
}

export function commonFigures(tally: Tally): Record<string, unknown> {
  const missing = missingOf(tally)
  const expected = tally.landed.length * tally.expected.length
  const endToEnd: number[] = []
  for (const { record, at } of tally.landed) {
    const products = productsOf(tally.written, record.dayObs, record.seqNum)
    if (products.length > 0) endToEnd.push((Math.max(...products.map((p) => p.at)) - at) / 1000)
  }
  return {
    exposures: tally.landed.length,
    products_per_exposure: tally.expected.map((t) => `${t.camera}/${t.channel}`),
    products_expected: expected,
    products_written: expected - missing.products,
    metadata_rows: tally.metadata.size,
    consdb_rows: tally.consdb.total,
    core_detectors_missing: tally.coreMissing,
    lost: missing.products + missing.metadata + missing.consdb + tally.coreMissing,
    end_to_end_s: summarize(endToEnd),
  }
}
