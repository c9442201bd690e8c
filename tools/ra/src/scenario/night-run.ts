// ----------------------------------------------------------------------------
// One night through the whole system: the camera simulator (in-process) lands
// raws and announces them; the RA core runs the real quicklook pipelines on
// them; products, metadata rows and ConsDB rows appear downstream. What each
// exposure should produce comes from ./expected-products.ts for this run and
// that exposure's camera fault, if any. Scenarios add their fault through hooks
// (pacing the landings, before exposure k lands, after the night) and their own figures
// on top of the common ones: exposures, products_expected/written, metadata_rows,
// consdb_rows, lost and lost_detail (what is missing, by seq).
// ----------------------------------------------------------------------------
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NightPlan } from '@rubin/ra-camera-simulator'
import { cameraForInstrument, type ExposureRecord, type Instrument } from '@rubin/ra-contract'
import { connectRedis, sleep } from '@rubin/ra-runtime'
import { summarize } from '../stats.ts'
import { observe } from './collect.ts'
import { SCENARIO_DAY_OBS } from './common.ts'
import {
  DEFAULT_WITNESS_DETECTOR,
  type ExpectedRun,
  expectedProducts,
  type ProductTarget,
  simulatedDetectors,
} from './expected-products.ts'
import { land } from './landing.ts'
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
  /**
   * When exposure `index` (0-based, already simulated) may land; replaces the fixed cadence
   * (overload derives its cadence from what the run measures).
   */
  readonly pace?: (index: number, run: PaceContext) => Promise<void>
  /**
   * Simulate every exposure before the first lands (the camera's work is not the RA machine's:
   * at a short cadence, simulating in between would slow the landings and the processing).
   */
  readonly presimulate?: boolean
  /** Called before exposure `index` (0-based) lands. */
  readonly beforeExposure?: (index: number, system: WholeSystem) => Promise<void>
  /** Called after the last exposure has landed, before waiting for the results. */
  readonly afterNight?: (system: WholeSystem) => Promise<void>
  /** Called every 0.5 s while exposures land, with the latest tally (e.g. to sample lag). */
  readonly onTally?: (tally: Tally, system: WholeSystem) => void
}

export interface PaceContext {
  readonly system: WholeSystem
  readonly landed: readonly Landed[]
  /** What has arrived downstream so far. */
  tally(): Promise<Tally>
}

export interface Landed {
  readonly record: ExposureRecord
  readonly at: number
  /** What this exposure should produce (its camera fault taken into account). */
  readonly expected: readonly ProductTarget[]
  /** Where the simulator put the exposure's truth (`{obsId}_truth.json`). */
  readonly truthFile: string
}

export interface Tally {
  readonly landed: readonly Landed[]
  readonly written: readonly Written[]
  /** The day's metadata.json rows by seq. */
  readonly metadata: ReadonlyMap<string, Record<string, unknown>>
  /** What a science exposure without a camera fault should produce (per exposure: Landed.expected). */
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

function expectedRun(options: NightRunOptions): ExpectedRun {
  return {
    instrument: options.instrument,
    detectors: simulatedDetectors(options.instrument, options.detectors),
    witnessDetector: DEFAULT_WITNESS_DETECTOR,
    mosaicWorker: true,
    snowflakes: true,
    canSeeSky: true,
  }
}

/** The products each science exposure of this run should produce (whole system, LSSTCam). */
export function expectedOf(options: NightRunOptions): ProductTarget[] {
  return expectedProducts(expectedRun(options))
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
      await land(options, expectedRun(options), system, landed, () => readTally(system, camera, landed, expected))
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

/** Per exposure: expected products not written, metadata row and ConsDB visit row missing; `detail` names them. */
export function missingOf(tally: Tally) {
  let products = 0
  let metadata = 0
  let consdb = 0
  const detail: string[] = []
  for (const { record, expected } of tally.landed) {
    const got = productsOf(tally.written, record.dayObs, record.seqNum)
    const gone = expected.filter((t) => !got.some((w) => w.camera === t.camera && w.channel === t.channel))
    products += gone.length
    const what = gone.map((t) => `product ${t.camera}/${t.channel}`)
    if (!tally.metadata.has(String(record.seqNum))) {
      metadata++
      what.push('metadata.json row')
    }
    if (!tally.consdb.visits.has(`${record.dayObs}/${record.seqNum}`)) {
      consdb++
      what.push('ConsDB visit1_quicklook row')
    }
    if (what.length > 0) detail.push(`seq ${record.seqNum}: ${what.join(', ')}`)
  }
  return { products, metadata, consdb, detail }
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
  const expected = tally.landed.reduce((n, l) => n + l.expected.length, 0)
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
    lost_detail: missing.detail,
    end_to_end_s: summarize(endToEnd),
  }
}
