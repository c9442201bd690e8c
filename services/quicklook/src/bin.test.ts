import { describe, expect, it } from 'vitest'
import { binImage } from './bin.ts'

describe('binImage', () => {
  it('averages full blocks and the short blocks at the edges', () => {
    // 10×3 image, factor 4: blocks of 4,4,2 columns and 3 rows.
    const pixels = Float32Array.from({ length: 30 }, (_, i) => i % 10)
    const b = binImage({ width: 10, height: 3, pixels }, 4)
    expect([b.width, b.height, b.factor]).toEqual([3, 1, 4])
    expect(Array.from(b.pixels)).toEqual([1.5, 5.5, 8.5])
  })

  it('keeps the mean level of a flat image at factor 8', () => {
    const b = binImage({ width: 4096, height: 4004, pixels: new Float32Array(4096 * 4004).fill(42) })
    expect([b.width, b.height]).toEqual([512, 501])
    expect(b.pixels.every((v) => v === 42)).toBe(true)
  })

  it('rejects a pixel count that disagrees with the size', () => {
    expect(() => binImage({ width: 10, height: 10, pixels: new Float32Array(99) })).toThrow(
      expect.objectContaining({ code: 'RA_QUICKLOOK_BAD_IMAGE' }),
    )
  })
})
