// Display scaling: float pixels → 8-bit grey, as observers expect it. A display range is chosen
// from a sample of the pixels (zscale or percentile clipping), then a stretch (linear or asinh)
// maps it to 0..255 through a lookup table, so the per-pixel cost is one multiply and one lookup.
import { badInput } from '../errors.ts'

export type Stretch = 'linear' | 'asinh'

export type RangeMethod =
  | { readonly kind: 'zscale'; readonly contrast?: number }
  | { readonly kind: 'percentile'; readonly low?: number; readonly high?: number }

export interface DisplayScaling {
  readonly range?: RangeMethod
  readonly stretch?: Stretch
  /** asinh softening: larger shows more of the faint end (default 10). */
  readonly asinhA?: number
}

export interface DisplayRange {
  readonly low: number
  readonly high: number
}

/** Default: asinh stretch over the 0.5–99.5 percentile range, as the RubinTV mosaics look. */
export const DEFAULT_SCALING: Required<Pick<DisplayScaling, 'stretch'>> & { range: RangeMethod } = {
  range: { kind: 'percentile', low: 0.5, high: 99.5 },
  stretch: 'asinh',
}

const SAMPLE_SIZE = 100_000
const LUT_SIZE = 4096

/** Up to SAMPLE_SIZE finite values taken at a regular stride across all arrays, sorted ascending. */
export function samplePixels(arrays: readonly ArrayLike<number>[], size = SAMPLE_SIZE): Float64Array {
  const total = arrays.reduce((n, a) => n + a.length, 0)
  const stride = Math.max(1, Math.floor(total / size))
  const out = new Float64Array(Math.min(total, size + arrays.length))
  let n = 0
  let offset = 0
  for (const a of arrays) {
    for (let i = (stride - (offset % stride)) % stride; i < a.length && n < out.length; i += stride) {
      const v = a[i] as number
      if (Number.isFinite(v)) out[n++] = v
    }
    offset += a.length
  }
  return out.subarray(0, n).sort()
}

function quantile(sorted: Float64Array, q: number): number {
  const at = Math.min(sorted.length - 1, Math.max(0, (q / 100) * (sorted.length - 1)))
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo)
}

/**
 * IRAF zscale on a sorted sample: fit a line to the sorted values (with iterative k-sigma
 * rejection) and take median ∓ (n/2)·slope/contrast, clipped to the sample's extent.
 */
export function zscaleRange(sorted: Float64Array, contrast = 0.25): DisplayRange {
  const n = sorted.length
  const min = sorted[0] as number
  const max = sorted[n - 1] as number
  const median = quantile(sorted, 50)
  if (n < 5) return { low: min, high: max }
  const keep = new Uint8Array(n).fill(1)
  let slope = 0
  let intercept = median
  for (let iter = 0; iter < 5; iter++) {
    let sx = 0
    let sy = 0
    let sxx = 0
    let sxy = 0
    let m = 0
    for (let i = 0; i < n; i++) {
      if (keep[i] === 0) continue
      const x = i - n / 2
      const y = sorted[i] as number
      sx += x
      sy += y
      sxx += x * x
      sxy += x * y
      m++
    }
    if (m < n / 2) break
    const denom = m * sxx - sx * sx
    slope = denom === 0 ? 0 : (m * sxy - sx * sy) / denom
    intercept = (sy - slope * sx) / m
    let ss = 0
    for (let i = 0; i < n; i++) {
      if (keep[i] === 0) continue
      const r = (sorted[i] as number) - (intercept + slope * (i - n / 2))
      ss += r * r
    }
    const sigma = Math.sqrt(ss / m)
    let rejected = 0
    for (let i = 0; i < n; i++) {
      if (keep[i] === 0) continue
      if (Math.abs((sorted[i] as number) - (intercept + slope * (i - n / 2))) > 2.5 * sigma) {
        keep[i] = 0
        rejected++
      }
    }
    if (rejected === 0) break
  }
  const half = (n / 2) * (slope / contrast)
  return { low: Math.max(min, median - half), high: Math.min(max, median + half) }
}

/** The display range of some pixels under a range method. */
export function displayRange(arrays: readonly ArrayLike<number>[], method: RangeMethod): DisplayRange {
  const sorted = samplePixels(arrays)
  if (sorted.length === 0) badInput('the image has no finite pixel values to scale')
  const range =
    method.kind === 'zscale'
      ? zscaleRange(sorted, method.contrast)
      : { low: quantile(sorted, method.low ?? 0.5), high: quantile(sorted, method.high ?? 99.5) }
  // A flat image still gets a usable (non-zero) range.
  return range.high > range.low ? range : { low: range.low - 0.5, high: range.low + 0.5 }
}

/** A mapper value → 0..255 for a range and stretch; NaN maps to 0. */
export function makeScaler(range: DisplayRange, stretch: Stretch = 'asinh', asinhA = 10): (v: number) => number {
  const lut = new Uint8Array(LUT_SIZE)
  const norm = stretch === 'asinh' ? Math.asinh(asinhA) : 1
  for (let i = 0; i < LUT_SIZE; i++) {
    const t = i / (LUT_SIZE - 1)
    const s = stretch === 'asinh' ? Math.asinh(asinhA * t) / norm : t
    lut[i] = Math.round(255 * s)
  }
  const k = (LUT_SIZE - 1) / (range.high - range.low)
  const low = range.low
  const top = LUT_SIZE - 1
  return (v: number) => {
    const i = (v - low) * k
    // NaN fails both comparisons and lands on 0, as do values below the range.
    return i > 0 ? (lut[i < top ? i | 0 : top] as number) : 0
  }
}

/** Float image → 8-bit grey, flipped so that row 0 of the output is the top (highest pixel y). */
export function toUint8(
  image: { readonly width: number; readonly height: number; readonly pixels: ArrayLike<number> },
  scaling: DisplayScaling = {},
): Uint8Array {
  const { width, height, pixels } = image
  if (pixels.length !== width * height) {
    badInput(`image is ${width}×${height} but has ${pixels.length} pixels; expected ${width * height}`)
  }
  const range = displayRange([pixels], scaling.range ?? DEFAULT_SCALING.range)
  const scale = makeScaler(range, scaling.stretch ?? DEFAULT_SCALING.stretch, scaling.asinhA)
  const out = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    const src = y * width
    const dst = (height - 1 - y) * width
    for (let x = 0; x < width; x++) out[dst + x] = scale(pixels[src + x] as number)
  }
  return out
}
