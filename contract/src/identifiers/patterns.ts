// Focal-plane selection pattern names. The detector sets each one selects are
// computed from the camera geometry in ../detectors/patterns.ts.
import { defineIdentifiers } from '../internal/identifier-set.ts'

export const FocalPlanePattern = defineIdentifiers({
  name: 'FocalPlanePattern',
  description: 'A named selection of LSSTCam imaging detectors to process (the chip-selection control).',
  values: ['ALL', 'CCD_CHECKERBOARD', 'RAFT_CHECKERBOARD', '5_ON_A_DIE', 'MINIMAL', 'ULTRA_MINIMAL', 'ALL_UNVIGNETTED'],
  docs: {
    ALL: 'All 189 imaging detectors.',
    CCD_CHECKERBOARD: 'Every other CCD across the focal plane (96 in phase 0, 93 in phase 1).',
    RAFT_CHECKERBOARD: 'Every other raft (108 detectors in phase 0, 81 in phase 1).',
    '5_ON_A_DIE': 'The five rafts R22, R33, R11, R13 and R31.',
    MINIMAL: 'Both diagonals plus the central row and column of CCDs.',
    ULTRA_MINIMAL: 'Both diagonals only.',
    ALL_UNVIGNETTED: 'All imaging detectors except the vignetted outer ones.',
  },
  // Loose matching already accepts today's RA spellings (5-on-a-die, ultra-minimal, raft_checkerboard).
  aliases: { FIVE_ON_A_DIE: '5_ON_A_DIE' },
})
export type FocalPlanePattern = (typeof FocalPlanePattern.values)[number]
