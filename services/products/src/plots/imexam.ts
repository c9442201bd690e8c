// imexam (LSSTCam and LATISS): the brightest stars' cutouts, the brightest star's radial profile,
// and FWHM against flux for every measured star.
import type { ImexamInput } from '../types.ts'
import { heatmapRows, requireRows } from './common.ts'
import { type PlotOptions, type RenderedPlot, renderVegaLite, type TopLevelSpec } from './vega.ts'

const MAX_CUTOUTS = 4

export async function renderImexam(
  input: ImexamInput,
  options: PlotOptions & { readonly title?: string } = {},
): Promise<RenderedPlot> {
  requireRows(input.cutouts, 'star cutouts')
  requireRows(input.stars, 'stars')
  requireRows(input.radialProfile, 'radial profile samples')
  const cutouts = heatmapRows(input.cutouts.slice(0, MAX_CUTOUTS), (i) => `Star ${i + 1}`)
  const spec: TopLevelSpec = {
    title: options.title ?? 'Image analysis',
    vconcat: [
      {
        data: { values: cutouts },
        facet: { column: { field: 'panel', type: 'nominal', title: null } },
        spec: {
          width: 150,
          height: 150,
          mark: 'rect',
          encoding: {
            x: { field: 'x', type: 'ordinal', axis: null },
            y: { field: 'y', type: 'ordinal', axis: null, sort: 'descending' },
            color: { field: 'v', type: 'quantitative', scale: { scheme: 'greys', reverse: true }, legend: null },
          },
        },
      },
      {
        hconcat: [
          {
            title: 'Radial profile (brightest star)',
            width: 300,
            height: 220,
            data: { values: input.radialProfile.map((p) => ({ r: p.r, value: p.value })) },
            mark: { type: 'point', filled: true, size: 14 },
            encoding: {
              x: { field: 'r', type: 'quantitative', title: 'Radius (pixels)' },
              y: { field: 'value', type: 'quantitative', title: 'Counts above sky' },
            },
          },
          {
            title: 'FWHM against flux',
            width: 300,
            height: 220,
            data: { values: input.stars.map((s) => ({ flux: s.flux, fwhm: s.fwhm })) },
            mark: { type: 'point', filled: true, size: 20 },
            encoding: {
              x: { field: 'flux', type: 'quantitative', scale: { type: 'log' }, title: 'Flux (counts)' },
              y: { field: 'fwhm', type: 'quantitative', title: 'FWHM (arcsec)' },
            },
          },
        ],
      },
    ],
  }
  return renderVegaLite(spec, options)
}
