import { describe, expect, it } from 'vitest'
import { addStar, gaussian, psfCovariance, rng } from '../test/synthetic.ts'
import { analyzeGuider } from './guider.ts'

describe('guider trends', () => {
  it('recovers a linear drift, steady flux and a FWHM that grows', () => {
    const normal = gaussian(rng(8))
    const stamps = Array.from({ length: 20 }, (_, i) => {
      const pixels = Float32Array.from({ length: 40 * 40 }, () => 200 + 5 * normal())
      // 0.05 px/s in x, -0.02 px/s in y; FWHM 4 → 4.95 px over 19 s.
      addStar(pixels, 40, 40, { x: 18 + 0.05 * i, y: 21 - 0.02 * i, flux: 1e5 }, psfCovariance(4 + 0.05 * i, 0, 0))
      return { t: i, image: { width: 40, height: 40, pixels } }
    })
    const { trends } = analyzeGuider(stamps, 0.2)
    expect(trends.nMeasured).toBe(20)
    expect(trends.driftX).toBeCloseTo(0.05, 3)
    expect(trends.driftY).toBeCloseTo(-0.02, 3)
    expect(trends.driftArcsecPerSecond).toBeCloseTo(Math.hypot(0.05, 0.02) * 0.2, 3)
    expect(trends.fluxRms).toBeLessThan(0.01)
    expect(trends.fwhmSlope).toBeCloseTo(0.05 * 0.2, 3)
  })

  it('needs at least one stamp', () => {
    expect(() => analyzeGuider([])).toThrow(expect.objectContaining({ code: 'RA_QUICKLOOK_NO_INPUT' }))
  })
})
