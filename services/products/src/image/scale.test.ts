import { describe, expect, it } from 'vitest'
import { displayRange, makeScaler, toUint8, zscaleRange } from './scale.ts'

describe('display scaling', () => {
  it('percentile clipping ignores a few hot pixels', () => {
    const px = new Float32Array(10_000).map((_, i) => i % 100)
    px[5] = 1e9
    const range = displayRange([px], { kind: 'percentile', low: 1, high: 99 })
    expect(range.low).toBeCloseTo(0.99, 0)
    expect(range.high).toBeLessThan(100)
  })

  it('zscale brackets the median of a noisy flat field and rejects outliers', () => {
    const sorted = Float64Array.from({ length: 2001 }, (_, i) => 1000 + (i - 1000) * 0.01).sort()
    sorted[2000] = 1e6
    const { low, high } = zscaleRange(sorted)
    expect(low).toBeLessThan(1000)
    expect(high).toBeGreaterThan(1000)
    expect(high).toBeLessThan(1e6)
  })

  it('maps the range ends to 0 and 255, NaN to 0, asinh lifts the faint end', () => {
    const linear = makeScaler({ low: 0, high: 1 }, 'linear')
    const asinh = makeScaler({ low: 0, high: 1 }, 'asinh')
    expect([linear(0), linear(1), linear(2), linear(-1), linear(Number.NaN)]).toEqual([0, 255, 255, 0, 0])
    expect(asinh(0.1)).toBeGreaterThan(2 * linear(0.1))
  })

  it('flips rows so the highest pixel y is the top row, and refuses wrong sizes', () => {
    const out = toUint8(
      { width: 2, height: 2, pixels: Float32Array.of(0, 0, 10, 10) },
      { stretch: 'linear', range: { kind: 'percentile', low: 0, high: 100 } },
    )
    expect(Array.from(out)).toEqual([255, 255, 0, 0])
    expect(() => toUint8({ width: 3, height: 2, pixels: new Float32Array(4) })).toThrow(/RA_PRODUCTS_BAD_INPUT/)
    expect(() => toUint8({ width: 2, height: 1, pixels: Float32Array.of(Number.NaN, Number.NaN) })).toThrow(/no finite/)
  })
})
