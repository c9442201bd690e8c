import { validate } from '@rubin/ra-contract/validate'
import { aggregateVisit } from '@rubin/ra-quicklook'
import { describe, expect, it } from 'vitest'
import type { DetectorRecord } from './common.ts'
import { visitRow } from './step1b.ts'

const record = (detector: number, nStars: number): DetectorRecord => ({
  detector,
  summary: {
    fwhm: 0.9 + detector / 1000,
    e1: 0.01,
    e2: -0.02,
    nStars,
    sky: 1200,
    noise: 30,
    postIsrMedian: 1190,
    ixx: 4,
    iyy: 4.2,
    ixy: 0.1,
    pixelScaleArcsec: 0.8,
  },
})

describe('the visit1_quicklook row', () => {
  it('is a valid row when an even number of detectors succeeded (count medians are integers)', () => {
    const records = [record(93, 31), record(94, 40)]
    const summary = aggregateVisit(
      records.map((r) => ('summary' in r ? { detector: r.detector, summary: { ...r.summary } } : r)) as never,
    )
    const row = visitRow(2025111600007, 20251116, 7, summary, records)
    expect(row.n_psf_star_median).toBe(36)
    expect(row.psf_sigma_median).not.toBe(Math.round(row.psf_sigma_median as number))
    const checked = validate('Visit1QuicklookRow', row)
    expect(checked.ok, JSON.stringify(checked)).toBe(true)
  })
})
