// fwhm_focal_plane, psf_shape_azel (LSSTCam) and the AOS residual-FWHM map: per-detector values drawn
// at the detectors' focal-plane positions from the contract's geometry.
import { detectorsOf, type Instrument } from '@rubin/ra-contract'
import { nativeSize, PIXEL_SIZE_MM } from '../mosaic/geometry.ts'
import type { DetectorSummary } from '../types.ts'
import { requireRows } from './common.ts'
import { type PlotOptions, type RenderedPlot, renderVegaLite, type TopLevelSpec } from './vega.ts'

export interface FocalPlanePlotOptions extends PlotOptions {
  readonly instrument?: Instrument
  readonly title?: string
}

const SIDE = 520

function footprints(instrument: Instrument) {
  return detectorsOf(instrument)
    .filter((d) => d.purpose === 'imaging')
    .map((d) => {
      const size = nativeSize(d)
      const hx = (size.width * PIXEL_SIZE_MM) / 2
      const hy = (size.height * PIXEL_SIZE_MM) / 2
      return { id: d.id, name: d.name, x0: d.xMm - hx, x1: d.xMm + hx, y0: d.yMm - hy, y1: d.yMm + hy }
    })
}

function axisDomain(cells: readonly { x0: number; x1: number; y0: number; y1: number }[]): [number, number] {
  const m = Math.max(...cells.map((c) => Math.max(-c.x0, c.x1, -c.y0, c.y1)))
  return [-m, m]
}

/** Per-detector value map (FWHM by default): one coloured rectangle per imaging detector, grey where missing. */
export async function renderFwhmFocalPlane(
  summaries: readonly DetectorSummary[],
  options: FocalPlanePlotOptions & { readonly field?: 'fwhm' | 'sky' | 'nStars'; readonly valueTitle?: string } = {},
): Promise<RenderedPlot> {
  requireRows(summaries, 'detector summaries')
  const field = options.field ?? 'fwhm'
  const byId = new Map(summaries.map((s) => [s.detector, s]))
  const cells = footprints(options.instrument ?? 'LSSTCam')
  const rows = cells.map((c) => {
    const value = byId.get(c.id)?.[field]
    return { ...c, value: value !== undefined && Number.isFinite(value) ? value : null }
  })
  const domain = axisDomain(cells)
  const valueTitle = options.valueTitle ?? (field === 'fwhm' ? 'FWHM (arcsec)' : field)
  const x = { field: 'x0', type: 'quantitative', scale: { domain }, title: 'Focal-plane x (mm)' } as const
  const y = { field: 'y0', type: 'quantitative', scale: { domain }, title: 'Focal-plane y (mm)' } as const
  const spec: TopLevelSpec = {
    title: options.title ?? 'FWHM over the focal plane',
    width: SIDE,
    height: SIDE,
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: 'datum.value === null' }],
        mark: { type: 'rect', color: '#d0d0d0' },
        encoding: { x, x2: { field: 'x1' }, y, y2: { field: 'y1' } },
      },
      {
        transform: [{ filter: 'datum.value !== null' }],
        mark: { type: 'rect' },
        encoding: {
          x,
          x2: { field: 'x1' },
          y,
          y2: { field: 'y1' },
          color: { field: 'value', type: 'quantitative', scale: { scheme: 'viridis' }, title: valueTitle },
        },
      },
    ],
  }
  return renderVegaLite(spec, options)
}

/** Length in focal-plane mm of a whisker of ellipticity 1. */
const WHISKER_MM_PER_E = 600

/**
 * PSF ellipticity whiskers at each detector: length ∝ |e|, angle = ½·atan2(e2, e1), rotated by
 * `rotationDeg` (the angle from the camera frame to az/el) so the plot reads in az/el.
 */
export async function renderPsfShapeAzel(
  summaries: readonly DetectorSummary[],
  options: FocalPlanePlotOptions & { readonly rotationDeg?: number } = {},
): Promise<RenderedPlot> {
  requireRows(summaries, 'detector summaries')
  const instrument = options.instrument ?? 'LSSTCam'
  const geometry = new Map(detectorsOf(instrument).map((d) => [d.id, d]))
  const rot = ((options.rotationDeg ?? 0) * Math.PI) / 180
  const rows = summaries.flatMap((s) => {
    const d = geometry.get(s.detector)
    if (d === undefined || !Number.isFinite(s.e1) || !Number.isFinite(s.e2)) return []
    const e = Math.hypot(s.e1, s.e2)
    const theta = 0.5 * Math.atan2(s.e2, s.e1)
    const half = (e * WHISKER_MM_PER_E) / 2
    const cx = d.xMm * Math.cos(rot) - d.yMm * Math.sin(rot)
    const cy = d.xMm * Math.sin(rot) + d.yMm * Math.cos(rot)
    const dx = half * Math.cos(theta + rot)
    const dy = half * Math.sin(theta + rot)
    return [{ name: d.name, e, x: cx - dx, y: cy - dy, x2: cx + dx, y2: cy + dy }]
  })
  requireRows(rows, 'detector summaries with finite e1/e2 on known detectors')
  const domain = axisDomain(footprints(instrument))
  const spec: TopLevelSpec = {
    title: options.title ?? 'PSF shape (az/el)',
    width: SIDE,
    height: SIDE,
    data: { values: rows },
    mark: { type: 'rule', strokeWidth: 2 },
    encoding: {
      x: { field: 'x', type: 'quantitative', scale: { domain }, title: 'Azimuth direction (mm)' },
      y: { field: 'y', type: 'quantitative', scale: { domain }, title: 'Elevation direction (mm)' },
      x2: { field: 'x2' },
      y2: { field: 'y2' },
      color: { field: 'e', type: 'quantitative', scale: { scheme: 'plasma' }, title: 'Ellipticity' },
    },
  }
  return renderVegaLite(spec, options)
}
