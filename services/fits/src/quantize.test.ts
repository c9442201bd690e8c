import { describe, expect, it } from 'vitest'
import { DITHER_ZERO_VALUE, ditherRandoms, N_RANDOM, unquantize } from './quantize.ts'

describe('dither random sequence', () => {
  it('is the standard Park-Miller sequence as float32', () => {
    const values = ditherRandoms()
    expect(values).toHaveLength(N_RANDOM)
    expect(values[0]).toBe(Math.fround(16807 / 2147483647))
    expect(values[1]).toBe(Math.fround(282475249 / 2147483647)) // 16807^2
    expect(values.every((v) => v > 0 && v < 1)).toBe(true)
  })
})

describe('unquantize', () => {
  const input = Int32Array.from([0, 1, -5, 100, 7])

  it('applies scale and zero without dither', () => {
    const out = new Float64Array(5)
    unquantize(input, 5, out, 0, { scale: 0.5, zero: 10, method: 'NO_DITHER', ditherRow: 1 })
    expect(Array.from(out)).toEqual([10, 10.5, 7.5, 60, 13.5])
  })

  it('subtracts the dither of the tile row, starting at random[floor(random[row - 1] * 500)]', () => {
    const r = ditherRandoms()
    const row = 3
    const start = Math.floor((r[row - 1] as number) * 500)
    const out = new Float64Array(5)
    unquantize(input, 5, out, 0, { scale: 2, zero: 1, method: 'SUBTRACTIVE_DITHER_1', ditherRow: row })
    const expected = Array.from(input, (v, i) => (v - (r[start + i] as number) + 0.5) * 2 + 1)
    expect(Array.from(out)).toEqual(expected)
  })

  it('restores ZBLANK as NaN and, with SUBTRACTIVE_DITHER_2, exact zeros', () => {
    const out = new Float32Array(3)
    unquantize(Int32Array.from([-999, DITHER_ZERO_VALUE, 4]), 3, out, 0, {
      scale: 1,
      zero: 0,
      method: 'SUBTRACTIVE_DITHER_2',
      ditherRow: 1,
      blank: -999,
    })
    expect(out[0]).toBeNaN()
    expect(out[1]).toBe(0)
    expect(Math.abs((out[2] as number) - 4)).toBeLessThan(0.5)
  })
})
