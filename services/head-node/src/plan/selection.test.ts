import { invertSelection, LSSTCAM_IMAGING_IDS, patternDetectors } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { ignoredByPattern, imagingDetectors, imagingSelection, invertedFor, wavefrontDetectors } from './selection.ts'

const base = {
  instrument: 'LSSTCam',
  exposureId: 2025111500226,
  pattern: 'CCD_CHECKERBOARD',
  timeMode: 'CONSTANT',
  dispatchCount: 0,
  guaranteedExposures: [],
} as const

describe('imaging selection', () => {
  it('takes every imaging detector with ALL, and the 8 corner sensors are wavefront', () => {
    expect(imagingSelection({ ...base, pattern: 'ALL' }).imaging).toHaveLength(189)
    expect(wavefrontDetectors('LSSTCam')).toEqual([191, 192, 195, 196, 199, 200, 203, 204])
    expect(imagingDetectors('LSSTCam')).not.toContain(191)
  })

  it('keeps the pattern in CONSTANT mode whatever the count', () => {
    for (const dispatchCount of [0, 1, 2, 3, 7]) {
      expect(imagingSelection({ ...base, dispatchCount }).imaging).toEqual(patternDetectors('CCD_CHECKERBOARD'))
    }
  })

  it('flips the checkerboard phase on every exposure in ALTERNATING mode', () => {
    const phases = [0, 1, 2, 3].map((n) => imagingSelection({ ...base, timeMode: 'ALTERNATING', dispatchCount: n }))
    expect(phases.map((s) => s.inverted)).toEqual([false, true, false, true])
    expect(phases[0]?.imaging).toEqual(patternDetectors('CCD_CHECKERBOARD', { phase: 0 }))
    expect(phases[1]?.imaging).toEqual(patternDetectors('CCD_CHECKERBOARD', { phase: 1 }))
    expect(phases[1]?.imaging).toHaveLength(93)
  })

  it('flips every second exposure in ALTERNATING_BY_TWOS mode', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => invertedFor('ALTERNATING_BY_TWOS', n))).toEqual([
      false,
      false,
      true,
      true,
      false,
      false,
    ])
  })

  it('inverts a non-checkerboard pattern to its complement', () => {
    const inverted = imagingSelection({ ...base, pattern: '5_ON_A_DIE', timeMode: 'ALTERNATING', dispatchCount: 1 })
    expect(inverted.imaging).toEqual(invertSelection(patternDetectors('5_ON_A_DIE')))
    expect(inverted.imaging).toHaveLength(189 - 45)
  })

  it('gives a guaranteed exposure the full focal plane in ID_GUARANTEED mode only', () => {
    const guaranteed = { ...base, pattern: 'MINIMAL', guaranteedExposures: [base.exposureId] } as const
    expect(imagingSelection({ ...guaranteed, timeMode: 'ID_GUARANTEED' })).toEqual({
      imaging: LSSTCAM_IMAGING_IDS,
      inverted: false,
      guaranteed: true,
    })
    expect(imagingSelection({ ...guaranteed, timeMode: 'ID_GUARANTEED', exposureId: 1 }).imaging).toEqual(
      patternDetectors('MINIMAL'),
    )
    expect(imagingSelection({ ...guaranteed, timeMode: 'CONSTANT' }).guaranteed).toBe(false)
  })

  it('processes every detector of other instruments, without wavefront sensors', () => {
    expect(imagingSelection({ ...base, instrument: 'LSSTComCam' }).imaging).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
    expect(imagingSelection({ ...base, instrument: 'LATISS', pattern: 'MINIMAL' }).imaging).toEqual([0])
    expect(wavefrontDetectors('LATISS')).toEqual([])
  })

  it('publishes the detectors a pattern leaves out', () => {
    expect(ignoredByPattern('ALL')).toEqual([])
    expect(ignoredByPattern('5_ON_A_DIE')).toHaveLength(144)
    expect(ignoredByPattern('5_ON_A_DIE')).not.toContain(94)
  })
})
