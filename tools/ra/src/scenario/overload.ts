// ----------------------------------------------------------------------------
// `./ra scenario overload`: exposures land twice as fast as the system can
// process them. RA must show the newest first and leave gaps rather than fall
// behind: the newest exposure's products come out soon after it lands while
// older exposures wait (their products come later, filling the gaps), and once
// acquisition stops the backlog drains.
//
// The cadence comes from the run itself, not from a guess: WARM_UP exposures land
// one at a time, each only after the one before is done end to end (every
// expected product, its metadata row, its ConsDB row); the last of them (warm:
// modules loaded, connections open) gives processing_s = its landing → its last
// product. The rest, simulated beforehand, land every processing_s / 2. What
// was achieved is measured again from the overloaded exposures:
// processing_period_s from when they were all done (saturated: done ≈ first
// landing + (n − 1)·period + processing_s), and overload_factor =
// processing_period_s / landing_interval_s (≈ 2 when the acquisition really
// outran the processing; ≈ 1 when it did not).
//
// An exposure is done when its last expected product is written. Over the
// overloaded exposures: newest_product_lag_s (sampled every 0.5 s while they
// land: now − landing of the newest done exposure), exposure_lag_s (landing →
// done, each), gaps_filled_later (exposures done after a newer one was), and by
// product which stage served newer exposures first (gaps_by_product);
// last_exposure_lag_s against older_exposures_lag_s_max (in line, the last would
// wait longest); backlog_drained (every exposure's products and rows written:
// lost 0) and drained_after_s (last landing → last product).
// ----------------------------------------------------------------------------
import { sleep } from '@rubin/ra-runtime'
import { summarize } from '../stats.ts'
import { productsOf, type Written } from './measure.ts'
import { type Landed, missingOf, type NightRunOptions, type PaceContext, runWholeNight } from './night-run.ts'

/** Exposures landed one at a time before the overload: the first warms up, the last is timed. */
export const WARM_UP = 2

const round = (x: number) => Math.round(x * 1000) / 1000

/** When each expected product of the exposure was first written (ms), by `camera/channel`. */
function productTimes(written: readonly Written[], landed: Landed): Map<string, number | undefined> {
  const got = productsOf(written, landed.record.dayObs, landed.record.seqNum)
  return new Map(
    landed.expected.map((t) => [
      `${t.camera}/${t.channel}`,
      got.find((p) => p.camera === t.camera && p.channel === t.channel)?.at,
    ]),
  )
}

/** When the exposure's last expected product was written (ms), or undefined while any is missing. */
function doneAt(written: readonly Written[], landed: Landed): number | undefined {
  const times = [...productTimes(written, landed).values()]
  return times.includes(undefined) ? undefined : Math.max(...(times as number[]))
}

/** Waits until exposure `index` is done end to end (products and rows); returns its last product's time. */
async function waitDone(run: PaceContext, index: number, timeoutS: number): Promise<number> {
  const deadline = Date.now() + timeoutS * 1000
  for (;;) {
    const tally = await run.tally()
    const landed = tally.landed[index]
    if (landed !== undefined) {
      const missing = missingOf({ ...tally, landed: [landed] })
      const done = doneAt(tally.written, landed)
      if (done !== undefined && missing.metadata + missing.consdb === 0) return done
    }
    if (Date.now() > deadline) throw new Error(`warm-up exposure ${index + 1} not done in ${timeoutS} s`)
    await sleep(250)
  }
}

/** Exposures (by position) whose time came after a newer exposure's: the gaps, filled later. */
function gapsOf(times: readonly (number | undefined)[]): number {
  const at = (t: number | undefined) => t ?? Number.POSITIVE_INFINITY
  return times.filter((t, i) => times.slice(i + 1).some((n) => at(n) < at(t))).length
}

export async function runOverload(options: NightRunOptions): Promise<Record<string, unknown>> {
  if (options.exposures < WARM_UP + 3)
    throw new Error(`overload needs at least ${WARM_UP + 3} exposures (${WARM_UP} to time the processing)`)
  let processingS = 0
  let cadenceS = 0
  let overloadFrom = 0
  const lags: number[] = []
  return runWholeNight(
    {
      ...options,
      presimulate: true,
      pace: async (index, run) => {
        if (index === 0) return
        if (index <= WARM_UP) {
          const done = await waitDone(run, index - 1, options.timeoutS)
          processingS = (done - (run.landed[index - 1]?.at ?? done)) / 1000
          if (index < WARM_UP) return
          // Acquisition at 2× the processing rate.
          cadenceS = processingS / 2
          overloadFrom = Date.now()
          options.progress(`one exposure takes ${round(processingS)} s end to end: landing every ${round(cadenceS)} s`)
          return
        }
        await sleep(Math.max(0, overloadFrom + (index - WARM_UP) * cadenceS * 1000 - Date.now()))
      },
      onTally: (tally) => {
        if (tally.landed.length <= WARM_UP) return
        const newest = tally.landed.filter((l) => doneAt(tally.written, l) !== undefined).at(-1)
        if (newest) lags.push((Date.now() - newest.at) / 1000)
      },
    },
    async ({ figures, tally }) => {
      const over = tally.landed.slice(WARM_UP)
      const done = over.map((l) => doneAt(tally.written, l))
      const lagOf = (i: number) => {
        const at = done[i]
        return at === undefined ? null : round((at - (over[i]?.at ?? at)) / 1000)
      }
      const lagsOf = over.map((_, i) => lagOf(i))
      const gapsByProduct: Record<string, number> = {}
      for (const target of tally.expected) {
        const name = `${target.camera}/${target.channel}`
        const gaps = gapsOf(over.map((l) => productTimes(tally.written, l).get(name)))
        if (gaps > 0) gapsByProduct[name] = gaps
      }
      const first = over[0]?.at ?? 0
      const last = over.at(-1)?.at ?? 0
      const landingInterval = (last - first) / 1000 / Math.max(1, over.length - 1)
      const allDone = done.includes(undefined) ? Number.NaN : Math.max(...(done as number[]))
      const processingPeriod = ((allDone - first) / 1000 - processingS) / Math.max(1, over.length - 1)
      const older = lagsOf.slice(0, -1)
      return {
        warm_up_exposures: WARM_UP,
        processing_s: round(processingS),
        cadence_s: round(cadenceS),
        landing_interval_s: round(landingInterval),
        processing_period_s: round(processingPeriod),
        overload_factor: round(processingPeriod / landingInterval),
        exposure_lag_s: lagsOf,
        gaps_filled_later: gapsOf(done),
        gaps_by_product: gapsByProduct,
        last_exposure_lag_s: lagsOf.at(-1) ?? null,
        older_exposures_lag_s_max: older.includes(null) ? null : Math.max(...(older as number[])),
        newest_product_lag_s: summarize(lags),
        backlog_drained: figures.lost === 0,
        drained_after_s: round((allDone - last) / 1000),
      }
    },
  )
}
