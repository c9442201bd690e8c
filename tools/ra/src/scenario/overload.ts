// ----------------------------------------------------------------------------
// `./ra scenario overload`: exposures land twice as fast as the workers can
// process them. RA must show the newest image first and leave gaps rather than
// fall behind: the newest product visible stays fresh while older exposures
// wait, and once the acquisition stops the backlog drains.
// Figures: newest_product_lag_s — sampled every 0.5 s while exposures land, how
// old the newest exposure with a product is (now − its landing) — and
// backlog_drained (every exposure's products written by the end); gaps_filled_later
// (exposures whose product came after a newer exposure's) and last_exposure_lag_s
// against older_exposures_lag_s_max (in line, the last exposure would wait longest).
// ----------------------------------------------------------------------------
import { summarize } from '../stats.ts'
import { productsOf } from './measure.ts'
import { type NightRunOptions, runWholeNight } from './night-run.ts'

export async function runOverload(options: NightRunOptions): Promise<Record<string, unknown>> {
  // Acquisition at 2× the processing rate: a new exposure every half pipeline duration.
  const cadenceS = options.pipelineMs / 2000
  const lags: number[] = []
  return runWholeNight(
    {
      ...options,
      cadenceS,
      onTally: (tally) => {
        const withProduct = tally.landed.filter(
          ({ record }) => productsOf(tally.written, record.dayObs, record.seqNum).length > 0,
        )
        const newest = withProduct.at(-1)
        if (newest) lags.push((Date.now() - newest.at) / 1000)
      },
    },
    async ({ figures, tally }) => {
      const firstProduct = tally.landed.map(({ record, at }) => {
        const times = productsOf(tally.written, record.dayObs, record.seqNum).map((p) => p.at)
        return { landedAt: at, writtenAt: times.length > 0 ? Math.min(...times) : Number.POSITIVE_INFINITY }
      })
      const gaps = firstProduct.filter((e, i) => firstProduct.slice(i + 1).some((n) => n.writtenAt < e.writtenAt))
      const lagOf = (e: { landedAt: number; writtenAt: number }) => Math.round(e.writtenAt - e.landedAt) / 1000
      const last = firstProduct.at(-1)
      return {
        cadence_s: cadenceS,
        gaps_filled_later: gaps.length,
        last_exposure_lag_s: last ? lagOf(last) : null,
        older_exposures_lag_s_max: Math.max(...firstProduct.slice(0, -1).map(lagOf)),
        pipeline_s: options.pipelineMs / 1000,
        newest_product_lag_s: summarize(lags),
        backlog_drained: figures.lost === 0,
      }
    },
  )
}
