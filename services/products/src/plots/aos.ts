// lsstcam_aos plots: Zernike pyramids, donut gallery and fits, focus sweep, predicted-FWHM breakdowns.
// (fp_pairing_plot is a mosaic, see mosaic/wavefront.ts; psf_zk_panel is a focal-plane map.)
import { detectorById, type Instrument } from '@rubin/ra-contract'
import { badInput } from '../errors.ts'
import type { DonutStamp, FocusSweepPoint, FwhmContribution, ZernikeMeasurement } from '../types.ts'
import { heatmapRows, requireRows } from './common.ts'
import { type PlotOptions, type RenderedPlot, renderVegaLite, type TopLevelSpec } from './vega.ts'

type Options = PlotOptions & { readonly title?: string; readonly instrument?: Instrument }

/** Radial order n and azimuthal frequency m of Noll index j (j ≥ 1). */
export function nollToNm(j: number): { n: number; m: number } {
  if (!Number.isInteger(j) || j < 1) badInput(`Noll index must be an integer ≥ 1; got ${j}`)
  let n = 0
  while (((n + 1) * (n + 2)) / 2 < j) n++
  const k = j - (n * (n + 1)) / 2 - 1
  const magnitude = (n % 2) + 2 * Math.floor((k + ((n + 1) % 2)) / 2)
  return { n, m: j % 2 === 0 || magnitude === 0 ? magnitude : -magnitude }
}

function detectorName(instrument: Instrument, id: number): string {
  return detectorById(instrument, id)?.name ?? String(id)
}

/**
 * zk_measurement_pyramid / zk_residual_pyramid: each Zernike at (m, n), one dot per wavefront
 * detector beside each other, coloured by the measured value or the residual (measured − predicted).
 */
export async function renderZernikePyramid(
  measurements: readonly ZernikeMeasurement[],
  options: Options & { readonly kind?: 'measured' | 'residual' } = {},
): Promise<RenderedPlot> {
  requireRows(measurements, 'Zernike measurements')
  const kind = options.kind ?? 'measured'
  const instrument = options.instrument ?? 'LSSTCam'
  const detectors = [...new Set(measurements.map((z) => z.detector))].sort((a, b) => a - b)
  const rows = measurements.map((z) => {
    const { n, m } = nollToNm(z.noll)
    const slot = detectors.indexOf(z.detector) - (detectors.length - 1) / 2
    return {
      noll: `Z${z.noll}`,
      n,
      x: m + slot * 0.22,
      detector: detectorName(instrument, z.detector),
      value: kind === 'measured' ? z.measuredUm : z.measuredUm - z.predictedUm,
    }
  })
  const limit = Math.max(1e-6, ...rows.map((r) => Math.abs(r.value)))
  const labels = [...new Map(rows.map((r) => [r.noll, r])).values()].map((r) => ({
    noll: r.noll,
    n: r.n,
    m: nollToNm(Number(r.noll.slice(1))).m,
  }))
  const spec: TopLevelSpec = {
    title: options.title ?? (kind === 'measured' ? 'Zernike measurement pyramid' : 'Zernike residual pyramid'),
    width: 560,
    height: 420,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'circle', size: 180, stroke: '#333', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: 'Azimuthal frequency m' },
          y: { field: 'n', type: 'quantitative', title: 'Radial order n', scale: { reverse: true, padding: 20 } },
          color: {
            field: 'value',
            type: 'quantitative',
            title: kind === 'measured' ? 'Zernike (µm)' : 'Residual (µm)',
            scale: { scheme: 'redblue', reverse: true, domain: [-limit, limit] },
          },
          tooltip: [{ field: 'noll' }, { field: 'detector' }, { field: 'value' }],
        },
      },
      {
        data: { values: labels },
        mark: { type: 'text', dy: -16, fontSize: 10 },
        encoding: {
          x: { field: 'm', type: 'quantitative' },
          y: { field: 'n', type: 'quantitative' },
          text: { field: 'noll' },
        },
      },
    ],
  }
  return renderVegaLite(spec, options)
}

/** donut_fits: measured and model Zernikes per Noll index, one panel per wavefront detector. */
export async function renderDonutFits(measurements: readonly ZernikeMeasurement[], options: Options = {}) {
  requireRows(measurements, 'Zernike measurements')
  const instrument = options.instrument ?? 'LSSTCam'
  const rows = measurements.flatMap((z) => [
    { detector: detectorName(instrument, z.detector), noll: z.noll, series: 'measured', um: z.measuredUm },
    { detector: detectorName(instrument, z.detector), noll: z.noll, series: 'model', um: z.predictedUm },
  ])
  const spec: TopLevelSpec = {
    title: options.title ?? 'Donut fits',
    data: { values: rows },
    facet: { field: 'detector', type: 'nominal', title: null },
    columns: 2,
    spec: {
      width: 300,
      height: 180,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'noll', type: 'quantitative', title: 'Noll index' },
        y: { field: 'um', type: 'quantitative', title: 'Zernike (µm)' },
        color: { field: 'series', type: 'nominal', title: null },
      },
    },
  }
  return renderVegaLite(spec, options)
}

/** fp_donut_gallery: the donut stamps, intra and extra, one panel each. */
export async function renderDonutGallery(stamps: readonly DonutStamp[], options: Options = {}) {
  requireRows(stamps, 'donut stamps')
  const instrument = options.instrument ?? 'LSSTCam'
  const rows = heatmapRows(stamps, (i) => {
    const s = stamps[i] as DonutStamp
    return `${detectorName(instrument, s.detector)} ${s.side}`
  })
  const spec: TopLevelSpec = {
    title: options.title ?? 'Donut gallery',
    data: { values: rows },
    facet: { field: 'panel', type: 'nominal', title: null },
    columns: 4,
    spec: {
      width: 140,
      height: 140,
      mark: 'rect',
      encoding: {
        x: { field: 'x', type: 'ordinal', axis: null },
        y: { field: 'y', type: 'ordinal', axis: null, sort: 'descending' },
        color: { field: 'v', type: 'quantitative', scale: { scheme: 'greys', reverse: true }, legend: null },
      },
    },
  }
  return renderVegaLite(spec, options)
}

/** Least-squares parabola through the sweep; best focus at its vertex (undefined unless it opens upwards). */
export function bestFocus(points: readonly FocusSweepPoint[]): { focusZUm: number; fwhm: number } | undefined {
  if (points.length < 3) return undefined
  // Normal equations for y = a + b x + c x² (x centred for conditioning).
  const mean = points.reduce((s, p) => s + p.focusZUm, 0) / points.length
  const S = new Array(5).fill(0) as number[]
  const T = [0, 0, 0]
  for (const p of points) {
    const x = p.focusZUm - mean
    for (let k = 0; k < 5; k++) S[k] = (S[k] as number) + x ** k
    for (let k = 0; k < 3; k++) T[k] = (T[k] as number) + p.fwhm * x ** k
  }
  const [s0, s1, s2, s3, s4] = S as [number, number, number, number, number]
  const [t0, t1, t2] = T as [number, number, number]
  const det = s0 * (s2 * s4 - s3 * s3) - s1 * (s1 * s4 - s3 * s2) + s2 * (s1 * s3 - s2 * s2)
  if (det === 0) return undefined
  const a = (t0 * (s2 * s4 - s3 * s3) - s1 * (t1 * s4 - s3 * t2) + s2 * (t1 * s3 - s2 * t2)) / det
  const b = (s0 * (t1 * s4 - t2 * s3) - t0 * (s1 * s4 - s3 * s2) + s2 * (s1 * t2 - t1 * s2)) / det
  const c = (s0 * (s2 * t2 - s3 * t1) - s1 * (s1 * t2 - s2 * t1) + t0 * (s1 * s3 - s2 * s2)) / det
  if (!(c > 0)) return undefined
  const x = -b / (2 * c)
  return { focusZUm: x + mean, fwhm: a + b * x + c * x * x }
}

/** focus_sweep: FWHM against camera hexapod z with a quadratic fit (vega's regression). */
export async function renderFocusSweep(points: readonly FocusSweepPoint[], options: Options = {}) {
  requireRows(points, 'focus sweep points')
  const best = bestFocus(points)
  const spec: TopLevelSpec = {
    title: {
      text: options.title ?? 'Focus sweep',
      subtitle:
        best === undefined
          ? 'no minimum found'
          : `best focus z = ${best.focusZUm.toFixed(1)} µm, FWHM ${best.fwhm.toFixed(2)}″`,
    },
    width: 560,
    height: 320,
    data: { values: points.map((p) => ({ z: p.focusZUm, fwhm: p.fwhm, seq: p.seq })) },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x: { field: 'z', type: 'quantitative', title: 'Camera hexapod z (µm)' },
          y: { field: 'fwhm', type: 'quantitative', title: 'FWHM (arcsec)', scale: { zero: false } },
        },
      },
      {
        transform: [{ regression: 'fwhm', on: 'z', method: 'poly', order: 2 }],
        mark: { type: 'line', color: '#d62728' },
        encoding: { x: { field: 'z', type: 'quantitative' }, y: { field: 'fwhm', type: 'quantitative' } },
      },
    ],
  }
  return { ...(await renderVegaLite(spec, options)), best }
}

/** zernike_predicted_fwhm / dof_predicted_fwhm: FWHM contributions, largest first. */
export async function renderFwhmContributions(
  contributions: readonly FwhmContribution[],
  options: Options & { readonly axisTitle?: string } = {},
): Promise<RenderedPlot> {
  requireRows(contributions, 'FWHM contributions')
  const total = Math.sqrt(contributions.reduce((s, c) => s + c.fwhm ** 2, 0))
  const spec: TopLevelSpec = {
    title: { text: options.title ?? 'Predicted FWHM', subtitle: `Quadrature sum ${total.toFixed(3)}″` },
    width: 560,
    height: { step: 16 },
    data: { values: contributions.map((c) => ({ name: c.name, fwhm: c.fwhm })) },
    mark: 'bar',
    encoding: {
      y: { field: 'name', type: 'nominal', sort: '-x', title: options.axisTitle ?? 'Term' },
      x: { field: 'fwhm', type: 'quantitative', title: 'FWHM contribution (arcsec)' },
    },
  }
  return renderVegaLite(spec, options)
}
