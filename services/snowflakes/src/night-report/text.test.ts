import { parseS3Key } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { nightReportText } from './text.ts'

describe('nightReportText', () => {
  it('writes numbered text blocks and plot links under the contract key', () => {
    const report = nightReportText({
      camera: 'lsstcam',
      dayObs: 20251115,
      exposures: 412,
      onSky: 389,
      openShutterFraction: 0.781,
      medianFwhmArcsec: 0.823,
      plots: { 'Seeing vs time': 'https://example.org/seeing.png' },
    })
    expect(parseS3Key(report.key)).toMatchObject({ ok: true, value: { kind: 'nightReportText', camera: 'lsstcam' } })
    expect(report.content).toEqual({
      text_010: 'Night of 2025-11-15: 412 exposures, 389 on sky.\nOpen-shutter fraction 78%.',
      text_020: 'Median PSF FWHM 0.82"',
      'Seeing vs time': 'https://example.org/seeing.png',
    })
  })

  it('refuses a summary that cannot be true, with a stable code', () => {
    expect(() => nightReportText({ camera: 'lsstcam', dayObs: 20251115, exposures: 3, onSky: 4 })).toThrow(
      expect.objectContaining({ code: 'RA_NIGHT_REPORT_INVALID' }),
    )
  })
})
