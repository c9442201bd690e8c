// Source detection: connected footprints of pixels above background + k·noise, found by
// flood fill from each unvisited seed (cost ∝ source pixels, no per-pixel allocation). A seed is
// the first footprint pixel in raster order, so a fill never reaches rows above its seed.
import type { Background } from './background.ts'
import { checkImage, type Image } from './image.ts'

export interface DetectOptions {
  /** Detection threshold in units of the background noise (default 5). */
  readonly nSigma?: number
  /** Footprints smaller than this are noise (default 5 pixels). */
  readonly minPixels?: number
  /** Stop after this many footprints (a flooded image is a failed exposure, not a catalogue). */
  readonly maxFootprints?: number
}

export interface Footprint {
  /** Peak pixel (integer) and its background-subtracted value. */
  readonly peakX: number
  readonly peakY: number
  readonly peak: number
  /** Highest raw (not background-subtracted) value: compared with saturation. */
  readonly maxValue: number
  readonly npix: number
  /** Background-subtracted sum over the footprint. */
  readonly flux: number
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
  /** Local background at the peak. */
  readonly background: number
}

export function detectFootprints(image: Image, background: Background, options: DetectOptions = {}): Footprint[] {
  checkImage(image)
  const { width, height, pixels } = image
  const k = options.nSigma ?? 5
  const minPixels = options.minPixels ?? 5
  const maxFootprints = options.maxFootprints ?? 50_000
  const cut = k * background.skyNoise
  const visited = new Uint8Array(width * height)
  const bgRow = new Float32Array(width)
  let stack = new Int32Array(1 << 14)
  const found: Footprint[] = []
  for (let y = 0; y < height; y++) {
    background.row(y, bgRow)
    const row = y * width
    for (let x = 0; x < width; x++) {
      const i = row + x
      // The background is smooth on the scale of a footprint: one value (at the seed) serves it all.
      const bg = bgRow[x] as number
      const level = bg + cut
      if ((pixels[i] as number) <= level || visited[i] !== 0) continue
      // Flood fill (4-connected) from this seed.
      let top = 0
      stack[top++] = i
      visited[i] = 1
      let npix = 0
      let flux = 0
      let peak = Number.NEGATIVE_INFINITY
      let maxValue = Number.NEGATIVE_INFINITY
      let peakI = i
      let x0 = x
      let x1 = x
      let y0 = y
      let y1 = y
      while (top > 0) {
        const j = stack[--top] as number
        const jy = (j / width) | 0
        const jx = j - jy * width
        const raw = pixels[j] as number
        const v = raw - bg
        npix++
        flux += v
        if (v > peak) {
          peak = v
          peakI = j
        }
        if (raw > maxValue) maxValue = raw
        if (jx < x0) x0 = jx
        if (jx > x1) x1 = jx
        if (jy < y0) y0 = jy
        if (jy > y1) y1 = jy
        if (top + 4 > stack.length) {
          const bigger = new Int32Array(stack.length * 2)
          bigger.set(stack)
          stack = bigger
        }
        // Neighbours above threshold join the footprint.
        if (jx > 0) top = push(j - 1, level, top)
        if (jx < width - 1) top = push(j + 1, level, top)
        if (jy > 0) top = push(j - width, level, top)
        if (jy < height - 1) top = push(j + width, level, top)
      }
      if (npix >= minPixels) {
        const py = (peakI / width) | 0
        const px = peakI - py * width
        found.push({
          peakX: px,
          peakY: py,
          peak,
          maxValue,
          npix,
          flux,
          x0,
          y0,
          x1,
          y1,
          background: bg,
        })
        if (found.length >= maxFootprints) return found
      }
    }
  }
  return found

  function push(j: number, level: number, top: number): number {
    if (visited[j] !== 0 || (pixels[j] as number) <= level) return top
    visited[j] = 1
    stack[top] = j
    return top + 1
  }
}
