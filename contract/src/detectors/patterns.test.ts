// Pattern counts and membership from ra_framework.md §7.1; ALL_UNVIGNETTED from the rule in patterns.ts.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FocalPlanePattern } from '../identifiers/patterns.ts'
import { detectorById, detectorByName } from './lookup.ts'
import { invertSelection, PATTERN_DETECTOR_COUNTS, patternDetectors } from './patterns.ts'
import { LSSTCAM_IMAGING_IDS } from './sets.ts'

const rafts = (ids: readonly number[]) => [...new Set(ids.map((id) => detectorById('LSSTCam', id)?.raft))].sort()

describe('patternDetectors', () => {
  it('gives the documented counts', () => {
    const counts = (p: FocalPlanePattern) => [patternDetectors(p).length, patternDetectors(p, { phase: 1 }).length]
    expect(counts('ALL')).toEqual([189, 189])
    expect(counts('CCD_CHECKERBOARD')).toEqual([96, 93])
    expect(counts('RAFT_CHECKERBOARD')).toEqual([108, 81])
    expect(counts('5_ON_A_DIE')).toEqual([45, 45])
    // MINIMAL: 9 diagonal + 8 more on diagonal-2 + 14 horizontal + 14 vertical (all four share 94).
    expect(counts('MINIMAL')).toEqual([45, 45])
    expect(counts('ULTRA_MINIMAL')).toEqual([17, 17])
    expect(counts('ALL_UNVIGNETTED')).toEqual([173, 173])
  })

  it('selects only imaging detectors, sorted and without repeats, for every pattern and phase', () => {
    const imaging = new Set(LSSTCAM_IMAGING_IDS)
    for (const pattern of FocalPlanePattern.values) {
      for (const phase of [0, 1] as const) {
        const ids = patternDetectors(pattern, { phase })
        expect(ids.every((id) => imaging.has(id))).toBe(true)
        expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b))
      }
    }
  })

  it('makes the two checkerboard phases complements of each other', () => {
    for (const pattern of ['CCD_CHECKERBOARD', 'RAFT_CHECKERBOARD'] as const) {
      expect(invertSelection(patternDetectors(pattern))).toEqual(patternDetectors(pattern, { phase: 1 }))
    }
  })

  it('puts R22_S11 (grid square 8, 8: even) in CCD checkerboard phase 1, and R22_S01 (8, 7) in phase 0', () => {
    expect(patternDetectors('CCD_CHECKERBOARD', { phase: 1 })).toContain(94)
    expect(patternDetectors('CCD_CHECKERBOARD')).toContain(91)
  })

  it('uses whole rafts for the raft checkerboard: 12 rafts in phase 0, the 9 even rafts in phase 1', () => {
    expect(rafts(patternDetectors('RAFT_CHECKERBOARD'))).toHaveLength(12)
    expect(rafts(patternDetectors('RAFT_CHECKERBOARD', { phase: 1 }))).toEqual(
      ['R02', 'R11', 'R13', 'R20', 'R22', 'R24', 'R31', 'R33', 'R42'].sort(),
    )
  })

  it('takes the rafts R22, R33, R11, R13 and R31 for 5_ON_A_DIE', () => {
    expect(rafts(patternDetectors('5_ON_A_DIE'))).toEqual(['R11', 'R13', 'R22', 'R31', 'R33'])
  })

  it('builds ULTRA_MINIMAL from the two diagonals and MINIMAL from those plus the centre row and column', () => {
    const diagonals = [90, 94, 98, 144, 148, 152, 36, 40, 44, 92, 96, 132, 130, 128, 58, 56, 60]
    expect(patternDetectors('ULTRA_MINIMAL')).toEqual([...diagonals].sort((a, b) => a - b))
    expect(patternDetectors('MINIMAL')).toEqual(expect.arrayContaining([...diagonals, 76, 113, 10, 178]))
  })

  it('drops the two outermost CCDs of each raft next to a corner raft for ALL_UNVIGNETTED', () => {
    // Worked out by hand from the raft layout (R{row}{col}, S{row}{col}): the CCD in the corner
    // nearest the missing corner raft, and its neighbour along the outer edge of the focal plane.
    const dropped = [
      ['R01_S00', 'R01_S01'],
      ['R03_S02', 'R03_S01'],
      ['R10_S00', 'R10_S10'],
      ['R14_S02', 'R14_S12'],
      ['R30_S20', 'R30_S10'],
      ['R34_S22', 'R34_S12'],
      ['R41_S20', 'R41_S21'],
      ['R43_S22', 'R43_S21'],
    ]
      .flat()
      .map((name) => detectorByName('LSSTCam', name)?.id)
    expect(invertSelection(patternDetectors('ALL_UNVIGNETTED'))).toEqual(dropped.sort((a = 0, b = 0) => a - b))
  })

  it('publishes the counts for the docs', () => {
    expect(PATTERN_DETECTOR_COUNTS.CCD_CHECKERBOARD).toEqual({ phase0: 96, phase1: 93 })
    expect(PATTERN_DETECTOR_COUNTS.ALL_UNVIGNETTED).toEqual({ phase0: 173, phase1: 173 })
    expect(Object.keys(PATTERN_DETECTOR_COUNTS)).toEqual([...FocalPlanePattern.values])
  })
})

describe('invertSelection', () => {
  it('returns the imaging detectors not selected, ignoring ids that are not imaging', () => {
    expect(invertSelection(LSSTCAM_IMAGING_IDS)).toEqual([])
    expect(invertSelection([])).toEqual(LSSTCAM_IMAGING_IDS)
    expect(invertSelection([...LSSTCAM_IMAGING_IDS.filter((id) => id !== 94), 191, 500])).toEqual([94])
  })

  it('is its own inverse on imaging subsets', () => {
    const subset = fc.subarray([...LSSTCAM_IMAGING_IDS])
    fc.assert(
      fc.property(subset, (ids) => {
        expect(invertSelection(invertSelection(ids))).toEqual(ids)
      }),
    )
  })
})
