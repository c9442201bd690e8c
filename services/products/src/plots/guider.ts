// lsstcam_guider trends: centroid offsets (alt/az), flux and PSF FWHM of the guide stars against
// time, one line per guider detector.
import type { GuiderSample } from '../types.ts'
import { requireRows } from './common.ts'
import { type PlotOptions, type RenderedPlot, renderVegaLite, type TopLevelSpec } from './vega.ts'

type Options = PlotOptions & { readonly title?: string }
const time = { field: 't', type: 'quantitative', title: 'Time since exposure start (s)' } as const
const detector = { field: 'detector', type: 'nominal', title: 'Guider detector' } as const

/** centroid_alt_az: centroid offsets from the first stamp, arcsec, alt and az panels. */
export async function renderGuiderCentroids(samples: readonly GuiderSample[], options: Options = {}) {
  requireRows(samples, 'guider samples')
  const rows = samples.flatMap((s) => [
    { t: s.t, detector: s.detector, axis: 'Altitude', offset: s.dAltArcsec },
    { t: s.t, detector: s.detector, axis: 'Azimuth', offset: s.dAzArcsec },
  ])
  const spec: TopLevelSpec = {
    title: options.title ?? 'Guider centroid offsets',
    data: { values: rows },
    facet: { row: { field: 'axis', type: 'nominal', title: null } },
    spec: {
      width: 640,
      height: 180,
      mark: { type: 'line', point: { size: 12 } },
      encoding: {
        x: time,
        y: { field: 'offset', type: 'quantitative', title: 'Centroid offset (arcsec)' },
        color: detector,
      },
    },
  }
  return renderVegaLite(spec, options)
}

async function trend(
  samples: readonly GuiderSample[],
  spec: { field: string; title: string; yTitle: string },
  options: Options,
) {
  requireRows(samples, 'guider samples')
  const plot: TopLevelSpec = {
    title: options.title ?? spec.title,
    width: 640,
    height: 260,
    data: { values: samples.map((s) => ({ t: s.t, detector: s.detector, flux: s.flux, fwhm: s.fwhm })) },
    mark: { type: 'line', point: { size: 12 } },
    encoding: {
      x: time,
      y: { field: spec.field, type: 'quantitative', title: spec.yTitle, scale: { zero: false } },
      color: detector,
    },
  }
  return renderVegaLite(plot, options)
}

/** flux_trend: guide-star flux against time. */
export function renderGuiderFluxTrend(samples: readonly GuiderSample[], options: Options = {}): Promise<RenderedPlot> {
  return trend(samples, { field: 'flux', title: 'Guide star flux', yTitle: 'Flux (counts)' }, options)
}

/** psf_trend: guide-star FWHM against time. */
export function renderGuiderPsfTrend(samples: readonly GuiderSample[], options: Options = {}): Promise<RenderedPlot> {
  return trend(samples, { field: 'fwhm', title: 'Guide star PSF FWHM', yTitle: 'FWHM (arcsec)' }, options)
}
