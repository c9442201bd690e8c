// Fixed LSSTCam detector id sets: by purpose (from the geometry) and the corner wavefront pairs.
import { LSSTCAM_DETECTORS } from './data/lsstcam.data.ts'
import type { DetectorPurpose } from './types.ts'

function idsFor(purpose: DetectorPurpose): readonly number[] {
  return Object.freeze(LSSTCAM_DETECTORS.filter((d) => d.purpose === purpose).map((d) => d.id))
}

/** The 189 science CCDs (E2V and ITL), sorted. */
export const LSSTCAM_IMAGING_IDS = idsFor('imaging')
/** The 8 guider CCDs in the corner rafts (SG0/SG1). */
export const LSSTCAM_GUIDER_IDS = idsFor('guider')
/** The 8 corner wavefront half-chips (SW0/SW1). */
export const LSSTCAM_WAVEFRONT_IDS = idsFor('wavefront')

export const CwfsCorner = ['bl', 'br', 'tl', 'tr'] as const
export type CwfsCorner = (typeof CwfsCorner)[number]

export interface CwfsPair {
  /** The intra-focal half-chip (SW1). RA's `main` branch dispatches a pair to the AOS pod of this id. */
  readonly intra: number
  /** The extra-focal half-chip (SW0) of the same corner raft: always intra - 1. */
  readonly extra: number
  readonly corner: CwfsCorner
}

/** The corner wavefront pairs in RA's order: R00 bottom-left, R04 bottom-right, R40 top-left, R44 top-right. */
export const CWFS_PAIRS: readonly CwfsPair[] = Object.freeze([
  { intra: 192, extra: 191, corner: 'bl' },
  { intra: 196, extra: 195, corner: 'br' },
  { intra: 200, extra: 199, corner: 'tl' },
  { intra: 204, extra: 203, corner: 'tr' },
])

export const INTRA_FOCAL_IDS: readonly number[] = Object.freeze(CWFS_PAIRS.map((p) => p.intra))
export const EXTRA_FOCAL_IDS: readonly number[] = Object.freeze(CWFS_PAIRS.map((p) => p.extra))
