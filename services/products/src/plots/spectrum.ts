// specexam (LATISS): the extracted spectrum of the target, flux against wavelength.
import type { SpectrumSample } from '../types.ts'
import { requireRows } from './common.ts'
import { type PlotOptions, type RenderedPlot, renderVegaLite, type TopLevelSpec } from './vega.ts'

export async function renderSpectrum(
  samples: readonly SpectrumSample[],
  options: PlotOptions & { readonly title?: string } = {},
): Promise<RenderedPlot> {
  requireRows(samples, 'spectrum samples')
  const spec: TopLevelSpec = {
    title: options.title ?? 'Extracted spectrum',
    width: 640,
    height: 300,
    data: { values: samples.map((s) => ({ wavelength: s.wavelengthNm, flux: s.flux })) },
    mark: { type: 'line', strokeWidth: 1.2 },
    encoding: {
      x: { field: 'wavelength', type: 'quantitative', title: 'Wavelength (nm)', scale: { zero: false } },
      y: { field: 'flux', type: 'quantitative', title: 'Flux (counts)' },
    },
  }
  return renderVegaLite(spec, options)
}
