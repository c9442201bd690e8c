import { describe, expect, it } from 'vitest'
import { gaussian, rng } from '../test/synthetic.ts'
import { analyzeCwfsPair } from './aos.ts'

/** A sharp-edged annulus of uniform surface brightness on a noisy sky, plus a hot column. */
function donutImage(outer: number, inner: number, seed: number) {
  const width = 600
  const height = 400
  const normal = gaussian(rng(seed))
  const pixels = Float32Array.from({ length: width * height }, () => 300 + 17 * normal())
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const r = Math.hypot(x - 250.3, y - 190.6)
      if (r < outer && r >= inner) pixels[y * width + x] = (pixels[y * width + x] as number) + 150
    }
    pixels[y * width + 260] = 5000
  }
  return { width, height, pixels }
}

describe('AOS stand-in', () => {
  it('measures outer/inner radii and the defocus asymmetry of a pair', () => {
    // 1.6 mm extra, 1.4 mm intra: the camera sits 0.1 mm towards extra focus.
    const pxPerMm = 50 / 1.234
    const extra = donutImage(1.6 * pxPerMm, 0.61 * 1.6 * pxPerMm, 1)
    const intra = donutImage(1.4 * pxPerMm, 0.61 * 1.4 * pxPerMm, 2)
    const aos = analyzeCwfsPair(intra, extra)
    expect(aos.extra.nDonuts).toBe(1)
    expect(aos.extra.donuts[0]?.x).toBeCloseTo(250.3, 0)
    expect(Math.abs(aos.extra.outerRadius / (1.6 * pxPerMm) - 1)).toBeLessThan(0.02)
    expect(Math.abs(aos.intra.obscuration - 0.61)).toBeLessThan(0.03)
    expect(aos.zernikeLike.z4FocusOffsetMm).toBeCloseTo(0.1, 1)
    expect(aos.meanDefocusMm).toBeCloseTo(1.5, 1)
  })

  it('says so when neither image has a donut', () => {
    const blank = { width: 200, height: 200, pixels: new Float32Array(200 * 200).fill(100) }
    expect(() => analyzeCwfsPair(blank, blank)).toThrow(expect.objectContaining({ code: 'RA_QUICKLOOK_NO_INPUT' }))
  })
})
