// ----------------------------------------------------------------------------
// GUIDER one-off: the guide-star stamps of each guider detector's raw (extensions
// GUIDERnnn, as the camera simulator writes them) → per-stamp centroid, flux and
// FWHM (@rubin/ra-quicklook analyzeGuider) → the guider camera's centroid, flux
// and PSF trend plots, its metadata cells and the guider columns of ConsDB
// visit1_quicklook. Centroid offsets are mapped x → azimuth, y → altitude: a
// stand-in until the guider detectors' rotation to alt/az is applied.
// ----------------------------------------------------------------------------
import { detectorsOf, type ExposureRecord } from '@rubin/ra-contract'
import {
  type GuiderSample,
  renderGuiderCentroids,
  renderGuiderFluxTrend,
  renderGuiderPsfTrend,
} from '@rubin/ra-products'
import {
  analyzeGuider,
  type GuiderResult,
  guiderStampsOf,
  LSSTCAM_PIXEL_SCALE_ARCSEC,
  openRaw,
} from '@rubin/ra-quicklook'
import type { QuicklookDeps } from '../quicklook/deps.ts'
import type { PipelineRunner } from '../types.ts'
import { EXTRA_COLUMN, measuredCells } from './columns.ts'
import { failed, OneOffError } from './errors.ts'
import { putEvent, requireTargets } from './products.ts'
import { recordOf } from './record.ts'

export interface GuiderDetectorResult {
  readonly detector: number
  readonly result: GuiderResult
}

/** The binning of a raw from its primary header's CCDSUM ("8 8"); 1 when absent. */
export function binningOf(ccdsum: unknown): number {
  const first = typeof ccdsum === 'string' ? Number(ccdsum.trim().split(/\s+/)[0]) : Number.NaN
  return Number.isInteger(first) && first >= 1 ? first : 1
}

/** Samples for the trend plots: offsets from each detector's first good stamp, arcsec. */
export function guiderSamples(results: readonly GuiderDetectorResult[], pixelScaleArcsec: number): GuiderSample[] {
  return results.flatMap(({ detector, result }) => {
    const good = result.stamps.filter((s) => s.ok)
    const first = good[0]
    if (first === undefined) return []
    return good.map((s) => ({
      t: s.t,
      detector,
      dAzArcsec: (s.x - first.x) * pixelScaleArcsec,
      dAltArcsec: (s.y - first.y) * pixelScaleArcsec,
      flux: s.flux,
      fwhm: s.fwhm,
    }))
  })
}

async function analyse(deps: QuicklookDeps, record: ExposureRecord) {
  const results: GuiderDetectorResult[] = []
  let pixelScale = LSSTCAM_PIXEL_SCALE_ARCSEC
  let found = 0
  for (const detector of detectorsOf(record.instrument).filter((d) => d.purpose === 'guider')) {
    const bytes = await deps.raws.rawImage(record, detector.name)
    if (bytes === undefined) continue
    found++
    const file = openRaw(bytes)
    const stamps = guiderStampsOf(file)
    if (stamps.length === 0) continue
    pixelScale = LSSTCAM_PIXEL_SCALE_ARCSEC * binningOf(file.hdus[0]?.header.get('CCDSUM'))
    results.push({ detector: detector.id, result: analyzeGuider(stamps, pixelScale) })
  }
  if (results.length === 0) {
    throw new OneOffError(
      found === 0 ? 'RA_ONEOFF_NO_RAWS' : 'RA_ONEOFF_NO_GUIDER_STAMPS',
      found === 0
        ? `no guider raw of ${record.obsId} was found`
        : `${found} guider raw(s) of ${record.obsId} read, none holds GUIDERnnn stamp extensions`,
    )
  }
  return { results, pixelScale }
}

const mean = (xs: readonly number[]) => {
  const finite = xs.filter(Number.isFinite)
  return finite.length === 0 ? Number.NaN : finite.reduce((a, b) => a + b, 0) / finite.length
}

export function guiderRunner(deps: QuicklookDeps): PipelineRunner {
  return {
    describe: 'one-off GUIDER: guider stamps → centroid, flux and PSF trends, metadata, ConsDB guider columns',
    async run(payload, context) {
      try {
        const record = await recordOf(deps, payload)
        const { results, pixelScale } = await analyse(deps, record)
        context.signal.throwIfAborted()
        const samples = guiderSamples(results, pixelScale)
        if (samples.length === 0) {
          throw new OneOffError('RA_ONEOFF_NO_GUIDER_STAMPS', `no guider stamp of ${record.obsId} could be measured`)
        }
        const at = { dayObs: record.dayObs, seq: record.seqNum }
        const keys: string[] = []
        const plots = [
          ['renderGuiderCentroids', renderGuiderCentroids],
          ['renderGuiderFluxTrend', renderGuiderFluxTrend],
          ['renderGuiderPsfTrend', renderGuiderPsfTrend],
        ] as const
        const cameras = new Set<QuicklookDeps['camera']>()
        for (const [name, render] of plots) {
          const plot = await render(samples, {})
          for (const entry of requireTargets(deps.instrument, name)) {
            keys.push(await putEvent(deps, entry, at, plot))
            cameras.add(entry.camera)
          }
        }
        const trends = results.map((r) => r.result.trends)
        const cells = {
          ...measuredCells(EXTRA_COLUMN.guiderDrift, mean(trends.map((t) => t.driftArcsecPerSecond)), 4),
          ...measuredCells(EXTRA_COLUMN.guiderJitter, mean(trends.map((t) => t.jitterArcsec)), 4),
          ...measuredCells(EXTRA_COLUMN.guiderFluxRms, mean(trends.map((t) => t.fluxRms)), 4),
          ...measuredCells(EXTRA_COLUMN.guiderFwhm, mean(trends.map((t) => t.meanFwhm))),
        }
        for (const camera of cameras) {
          await deps.publishShard({ camera, dayObs: record.dayObs, rows: { [String(record.seqNum)]: cells } })
        }
        const fwhm = mean(trends.map((t) => t.meanFwhm))
        await deps.publishConsdbRows({
          table: 'visit1_quicklook',
          controller: record.controller,
          rows: [
            {
              visit_id: record.exposureId,
              day_obs: record.dayObs,
              seq_num: record.seqNum,
              guider_n_tracked_stars: results.length,
              guider_n_measurements: samples.length,
              guider_n_stamps_delivered: trends.reduce((n, t) => n + t.nStamps, 0),
              guider_psf_fwhm: Number.isFinite(fwhm) ? fwhm : null,
            },
          ],
        })
        return { outcome: 'finished', outputs: keys }
      } catch (error) {
        return failed(error)
      }
    },
  }
}
