// Vega-Lite spec → Vega view (headless, renderer 'none') → SVG → sharp (librsvg) → PNG.
// Text needs a system font for librsvg: DejaVu Sans (Debian package fonts-dejavu-core).
import sharp from 'sharp'
import { parse, View } from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import type { RenderedImage } from '../image/encode.ts'

export type { TopLevelSpec } from 'vega-lite'

export const PLOT_FONT = 'DejaVu Sans'

export interface PlotOptions {
  /** Pixel density multiplier of the PNG relative to the SVG's CSS pixels (default 2). */
  readonly scale?: number
}

export interface RenderedPlot extends RenderedImage {
  /** The SVG the PNG was rasterised from (tests look for titles and marks in it). */
  readonly svg: string
}

const CONFIG = {
  font: PLOT_FONT,
  background: 'white',
  padding: 12,
  title: { fontSize: 15 },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
} as const

/** Render a Vega-Lite spec to SVG and PNG. The spec's own config wins over the house style. */
export async function renderVegaLite(spec: TopLevelSpec, options: PlotOptions = {}): Promise<RenderedPlot> {
  const styled = { ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec
  const view = new View(parse(compile(styled).spec), { renderer: 'none' })
  try {
    const svg = await view.toSVG()
    const density = 72 * (options.scale ?? 2)
    const { data, info } = await sharp(Buffer.from(svg), { density }).png({ compressionLevel: 6 }).toBuffer({
      resolveWithObject: true,
    })
    return {
      bytes: data,
      svg,
      format: 'png',
      ext: 'png',
      mimeType: 'image/png',
      width: info.width,
      height: info.height,
    }
  } finally {
    view.finalize()
  }
}
