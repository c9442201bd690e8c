import { describe, expect, it } from 'vitest'
import { addStar, psfCovariance } from '../test/synthetic.ts'
import { adaptiveMoments, ellipticity, fwhmPixels } from './moments.ts'

describe('adaptive moments', () => {
  for (const [fwhm, e1, e2] of [
    [3.5, 0, 0],
    [5, 0.1, -0.05],
    [8, -0.15, 0.12],
    [2.5, 0.05, 0.05],
  ] as const) {
    it(`recovers FWHM ${fwhm} px, e = (${e1}, ${e2}) of a noise-free Gaussian`, () => {
      const width = 80
      const pixels = new Float32Array(width * width).fill(100)
      addStar(pixels, width, width, { x: 40.3, y: 39.6, flux: 1e5 }, psfCovariance(fwhm, e1, e2))
      const m = adaptiveMoments({ width, height: width, pixels }, 40, 40, 100, 2)
      if (typeof m === 'string') throw new Error(m)
      expect(m.x).toBeCloseTo(40.3, 3)
      expect(m.y).toBeCloseTo(39.6, 3)
      expect(fwhmPixels(m) / fwhm).toBeCloseTo(1, 2)
      // Point sampling of a Gaussian narrower than 3 px costs a little accuracy.
      const digits = fwhm < 3 ? 2 : 3
      const e = ellipticity(m)
      expect(e.e1).toBeCloseTo(e1, digits)
      expect(e.e2).toBeCloseTo(e2, digits)
      expect(m.flux / 1e5).toBeCloseTo(1, 2)
    })
  }

  it('reports a stamp with no positive flux instead of inventing moments', () => {
    const pixels = new Float32Array(40 * 40).fill(100)
    expect(adaptiveMoments({ width: 40, height: 40, pixels }, 20, 20, 200, 2)).toBe('nonPositiveFlux')
  })
})
