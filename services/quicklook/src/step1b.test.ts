import { describe, expect, it } from 'vitest'
import { aggregateVisit } from './step1b.ts'

const summary = (fwhm: number, nStars = 30) => ({
  fwhm,
  e1: 0.01,
  e2: -0.02,
  nStars,
  sky: 400,
  noise: 20,
  postIsrMedian: 401,
})

describe('aggregateVisit', () => {
  it('takes medians over detectors with stars and lists failed and missing detectors', () => {
    const v = aggregateVisit(
      [
        { detector: 1, summary: summary(0.7) },
        { detector: 2, summary: summary(0.9) },
        { detector: 3, summary: summary(Number.NaN, 0) },
        { detector: 4, error: { code: 'RA_QUICKLOOK_BAD_FITS', message: 'truncated' } },
      ],
      [1, 2, 3, 4, 5, 6],
    )
    expect(v.fwhm).toBeCloseTo(0.8, 9)
    expect([v.nSucceeded, v.nWithStars, v.nStars, v.nDetectors]).toEqual([3, 2, 60, 6])
    expect(v.failed).toEqual([{ detector: 4, code: 'RA_QUICKLOOK_BAD_FITS', message: 'truncated' }])
    expect(v.missing).toEqual([5, 6])
    expect(v.psfGradient).toBeCloseTo(Math.sqrt(0.89 ** 2 - 0.71 ** 2), 9)
  })

  it('a retried detector counts once, with its last outcome', () => {
    const v = aggregateVisit([
      { detector: 1, error: { code: 'X', message: 'first try' } },
      { detector: 1, summary: summary(0.6) },
    ])
    expect([v.nSucceeded, v.failed.length, v.fwhm]).toEqual([1, 0, 0.6])
  })

  it('with every detector failed it still answers, with NaN measurements', () => {
    const v = aggregateVisit([{ detector: 9, error: { code: 'X', message: 'y' } }])
    expect(v.fwhm).toBeNaN()
    expect(v.failed.length).toBe(1)
    expect(() => aggregateVisit([])).toThrow(expect.objectContaining({ code: 'RA_QUICKLOOK_NO_INPUT' }))
  })
})
