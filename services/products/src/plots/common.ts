// Shared helpers of the plot specs: time handling, input checks and the heatmap of small images.
import { badInput } from '../errors.ts'
import type { Image2D } from '../types.ts'

export function requireRows<T>(rows: readonly T[], what: string): readonly T[] {
  if (rows.length === 0) badInput(`no ${what} to plot`)
  return rows
}

export function epochMs(iso: string, what: string): number {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) badInput(`${what} '${iso}' is not a date-time`)
  return ms
}

/** Maximum cells per side of a heatmap; larger images are sampled down (vega draws one rect per cell). */
const HEATMAP_MAX_SIDE = 48

/**
 * Small images as long-form heatmap rows {panel, x, y, v}: each image asinh-normalised to 0..1 over its
 * own 1–99.5 percentile range, so every panel shows its own structure.
 */
export function heatmapRows(images: readonly Image2D[], label: (index: number) => string) {
  const rows: { panel: string; x: number; y: number; v: number }[] = []
  images.forEach((image, index) => {
    if (image.pixels.length !== image.width * image.height) {
      badInput(`image ${index}: ${image.width}×${image.height} but ${image.pixels.length} pixels`)
    }
    const step = Math.max(1, Math.ceil(Math.max(image.width, image.height) / HEATMAP_MAX_SIDE))
    const finite = Array.from(image.pixels)
      .filter(Number.isFinite)
      .sort((a, b) => a - b)
    const lo = finite[Math.floor(finite.length * 0.01)] ?? 0
    const hi = finite[Math.min(finite.length - 1, Math.floor(finite.length * 0.995))] ?? 1
    const span = hi > lo ? hi - lo : 1
    const panel = label(index)
    for (let y = 0; y < image.height; y += step) {
      for (let x = 0; x < image.width; x += step) {
        const t = Math.min(1, Math.max(0, ((image.pixels[y * image.width + x] as number) - lo) / span))
        rows.push({ panel, x: x / step, y: y / step, v: Math.asinh(10 * t) / Math.asinh(10) })
      }
    }
  })
  return rows
}
