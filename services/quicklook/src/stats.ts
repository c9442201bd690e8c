// Robust statistics on typed arrays without per-element allocation: quickselect on a
// scratch copy, sigma-clipped mean and standard deviation, MAD.
import type { Pixels } from './image.ts'

/** k-th smallest (0-based) of a[0..n), reordering a in place (Hoare quickselect). */
export function selectInPlace(a: Float32Array | Float64Array, k: number, n = a.length): number {
  let lo = 0
  let hi = n - 1
  while (hi > lo) {
    // Median-of-three pivot keeps sorted input (overscan ramps) linear.
    const mid = (lo + hi) >> 1
    const x = a[lo] as number
    const y = a[mid] as number
    const z = a[hi] as number
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z))
    let i = lo
    let j = hi
    while (i <= j) {
      while ((a[i] as number) < pivot) i++
      while ((a[j] as number) > pivot) j--
      if (i <= j) {
        const t = a[i] as number
        a[i] = a[j] as number
        a[j] = t
        i++
        j--
      }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else return a[k] as number
  }
  return a[k] as number
}

/** Median of a[0..n) (mean of the two middle values for even n), reordering a. NaN when n = 0. */
export function medianInPlace(a: Float32Array | Float64Array, n = a.length): number {
  if (n === 0) return Number.NaN
  const hi = selectInPlace(a, n >> 1, n)
  if (n % 2 === 1) return hi
  // The lower middle is the largest of the left part after selection.
  let lo = Number.NEGATIVE_INFINITY
  for (let i = 0; i < n >> 1; i++) if ((a[i] as number) > lo) lo = a[i] as number
  return (lo + hi) / 2
}

/** Median without touching the input (copies once). */
export function median(values: ArrayLike<number>): number {
  const copy = Float64Array.from(values as ArrayLike<number>)
  return medianInPlace(copy)
}

export interface ClippedStats {
  readonly mean: number
  readonly median: number
  readonly stddev: number
  /** Values kept after clipping. */
  readonly n: number
}

const MAD_TO_SIGMA = 1.482602218505602

/**
 * Sigma-clipped statistics of a[0..n) (reorders a): start from median and MAD (robust
 * against hot columns and cosmic rays), then iterate mean/stddev over |x - centre| < k·σ.
 */
export function clippedStatsInPlace(
  a: Float32Array | Float64Array,
  n = a.length,
  options: { readonly nSigma?: number; readonly iterations?: number } = {},
): ClippedStats {
  const k = options.nSigma ?? 3
  if (n === 0) return { mean: Number.NaN, median: Number.NaN, stddev: Number.NaN, n: 0 }
  const med = medianInPlace(a, n)
  // MAD via a second selection over |x - med|, written into the same scratch after a copy of the needed bounds.
  let sum = 0
  for (let i = 0; i < n; i++) sum += Math.abs((a[i] as number) - med)
  const meanAbs = sum / n
  let lo = med
  let hi = med
  let sigma = madInPlace(a, n, med)
  if (!(sigma > 0)) sigma = meanAbs * 1.2533141373155001 // MAD of 0 (quantised data): fall back to mean |dev|
  let centre = med
  let mean = med
  let kept = n
  for (let it = 0; it < (options.iterations ?? 3); it++) {
    lo = centre - k * sigma
    hi = centre + k * sigma
    let s = 0
    let ss = 0
    let m = 0
    for (let i = 0; i < n; i++) {
      const v = a[i] as number
      if (v >= lo && v <= hi) {
        s += v
        m++
      }
    }
    if (m < 2) break
    mean = s / m
    for (let i = 0; i < n; i++) {
      const v = a[i] as number
      if (v >= lo && v <= hi) ss += (v - mean) * (v - mean)
    }
    // A 3σ clip of a Gaussian keeps 98.9 % and shrinks its variance by 0.973: undo that bias.
    const next = Math.sqrt(ss / (m - 1) / clipVarianceFactor(k))
    const converged = m === kept && Math.abs(next - sigma) < 1e-6 * sigma
    kept = m
    sigma = next
    centre = mean
    if (converged) break
  }
  return { mean, median: med, stddev: sigma, n: kept }
}

/** MAD-based sigma of a[0..n) about `centre`; restores nothing (a is scratch). */
function madInPlace(a: Float32Array | Float64Array, n: number, centre: number): number {
  // The caller still needs the raw values afterwards, so work on a temporary copy of deviations.
  const dev = new Float64Array(n)
  for (let i = 0; i < n; i++) dev[i] = Math.abs((a[i] as number) - centre)
  return medianInPlace(dev, n) * MAD_TO_SIGMA
}

/** Variance of a unit Gaussian truncated at ±k, for the clip-bias correction. */
export function clipVarianceFactor(k: number): number {
  const phi = Math.exp((-k * k) / 2) / Math.sqrt(2 * Math.PI)
  const inside = erf(k / Math.SQRT2)
  return 1 - (2 * k * phi) / inside
}

/** Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7). */
export function erf(x: number): number {
  const s = x < 0 ? -1 : 1
  const ax = Math.abs(x)
  const t = 1 / (1 + 0.3275911 * ax)
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-ax * ax)
  return s * y
}

/** Clipped statistics of any typed array without modifying it. */
export function clippedStats(values: Pixels | ArrayLike<number>, options?: { readonly nSigma?: number }): ClippedStats {
  const copy = Float64Array.from(values as ArrayLike<number>)
  return clippedStatsInPlace(copy, copy.length, options)
}

/**
 * Exact median of a large Float32 image without a sort copy: histogram the values within
 * `hint` ± 64·spread (a range from a subsample), then select inside the bin holding the middle
 * rank(s). Two passes; a third (min/max) only when the median falls outside that range.
 */
export function largeMedian(pixels: Float32Array): number {
  const n = pixels.length
  if (n === 0) return Number.NaN
  if (n < 1 << 16) return median(pixels)
  const step = Math.floor(n / 4096)
  const sample = new Float64Array(4096)
  for (let i = 0; i < 4096; i++) sample[i] = pixels[i * step] as number
  const s = clippedStatsInPlace(sample)
  const spread = s.stddev > 0 ? s.stddev : Math.abs(s.median) * 1e-3 + 1e-6
  let lo = s.median - 64 * spread
  let hi = s.median + 64 * spread
  const ranks = n % 2 === 1 ? [n >> 1] : [(n >> 1) - 1, n >> 1]
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = medianInRange(pixels, lo, hi, ranks)
    if (result !== undefined) return result
    // The median lies outside the guessed range: use the full range.
    lo = Number.POSITIVE_INFINITY
    hi = Number.NEGATIVE_INFINITY
    for (let i = 0; i < n; i++) {
      const v = pixels[i] as number
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
    if (lo === hi) return lo
  }
  return Number.NaN
}

function medianInRange(pixels: Float32Array, lo: number, hi: number, ranks: readonly number[]): number | undefined {
  const bins = 1 << 16
  const scale = bins / (hi - lo)
  const counts = new Uint32Array(bins)
  let below = 0
  const n = pixels.length
  for (let i = 0; i < n; i++) {
    const v = pixels[i] as number
    if (v < lo) below++
    else if (v < hi) {
      const b = ((v - lo) * scale) | 0
      counts[b] = (counts[b] as number) + 1
    }
  }
  // Bin and rank-within-bin of each wanted rank.
  const targets = ranks.map((rank) => {
    let acc = below
    if (rank < acc) return undefined
    for (let b = 0; b < bins; b++) {
      const c = counts[b] as number
      if (rank < acc + c) return { bin: b, at: rank - acc, size: c }
      acc += c
    }
    return undefined
  })
  if (targets.some((t) => t === undefined)) return undefined
  const wanted = targets as { bin: number; at: number; size: number }[]
  const buffers = wanted.map((t) => ({ ...t, values: new Float64Array(t.size), m: 0 }))
  const first = buffers[0] as (typeof buffers)[number]
  const second = buffers[1]
  for (let i = 0; i < n; i++) {
    const v = pixels[i] as number
    if (v < lo || v >= hi) continue
    const b = ((v - lo) * scale) | 0
    if (b === first.bin) first.values[first.m++] = v
    else if (second !== undefined && b === second.bin) second.values[second.m++] = v
  }
  if (second !== undefined && second.bin === first.bin) {
    const a = selectInPlace(first.values, first.at, first.m)
    const b = selectInPlace(first.values, second.at, first.m)
    return (a + b) / 2
  }
  const values = buffers.map((t) => selectInPlace(t.values, t.at, t.m))
  return values.reduce((a, b) => a + b, 0) / values.length
}
