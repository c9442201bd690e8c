import { describe, expect, it } from 'vitest'
import { gaussian, rng } from '../test/synthetic.ts'
import { clippedStats, clipVarianceFactor, largeMedian, median, selectInPlace } from './stats.ts'

describe('selection and medians', () => {
  it('selects every rank of a shuffled array', () => {
    const random = rng(3)
    const values = Float64Array.from({ length: 101 }, (_, i) => i)
    for (let i = values.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[values[i], values[j]] = [values[j] as number, values[i] as number]
    }
    for (const k of [0, 1, 50, 99, 100]) expect(selectInPlace(Float64Array.from(values), k)).toBe(k)
  })

  it('takes the mean of the two middle values for even counts', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([7])).toBe(7)
    expect(median([])).toBeNaN()
  })

  it('gives the exact median of a large image in histogram passes', () => {
    const normal = gaussian(rng(5))
    const pixels = Float32Array.from({ length: 200_001 }, () => 1000 + 30 * normal())
    const sorted = Float32Array.from(pixels).sort()
    expect(largeMedian(pixels)).toBe(sorted[100_000])
    const even = pixels.subarray(0, 200_000)
    const s2 = Float32Array.from(even).sort()
    expect(largeMedian(even)).toBeCloseTo(((s2[99_999] as number) + (s2[100_000] as number)) / 2, 6)
  })
})

describe('clipped statistics', () => {
  it('recovers mean and sigma of a Gaussian with 5 % wild outliers', () => {
    const random = rng(11)
    const normal = gaussian(random)
    const values = Float64Array.from({ length: 50_000 }, () => (random() < 0.05 ? 1e5 * random() : 500 + 10 * normal()))
    const s = clippedStats(values)
    expect(s.mean).toBeCloseTo(500, 0)
    expect(Math.abs(s.stddev - 10)).toBeLessThan(0.3)
  })

  it('corrects the variance for the clip', () => {
    expect(clipVarianceFactor(3)).toBeCloseTo(0.9733, 3)
  })
})
