// ----------------------------------------------------------------------------
// Focal-plane selection patterns -> the LSSTCam imaging detector ids they select
// (ra_framework.md §7.1, RA's CameraControlConfig). Computed once from the geometry.
// ----------------------------------------------------------------------------
import { FocalPlanePattern } from '../identifiers/patterns.ts'
import { LSSTCAM_CAMERA, LSSTCAM_DETECTORS } from './data/lsstcam.data.ts'
import { fieldAngleDeg, gridPosition, raftPosition } from './geometry.ts'
import { LSSTCAM_IMAGING_IDS } from './sets.ts'

export type PatternPhase = 0 | 1

/** The fixed id sets RA's MINIMAL and ULTRA_MINIMAL patterns are made of (§7.1). */
export const MINIMAL_ID_SETS = {
  diagonal: [90, 94, 98, 144, 148, 152, 36, 40, 44],
  diagonal2: [92, 94, 96, 132, 130, 128, 58, 56, 60],
  horizontal: [76, 75, 77, 85, 84, 86, 94, 93, 95, 103, 102, 104, 112, 111, 113],
  vertical: [10, 13, 16, 46, 49, 52, 91, 94, 97, 136, 139, 142, 172, 175, 178],
} as const satisfies Record<string, readonly number[]>

export const FIVE_ON_A_DIE_RAFTS = ['R22', 'R33', 'R11', 'R13', 'R31'] as const

/**
 * ALL_UNVIGNETTED has no definition anywhere in RA or RubinTV (RubinTV offers the token, RA never
 * implemented it), so we define it from the geometry: the imaging detectors whose centre lies within
 * 1.75 degrees of the optical axis, the radius of Rubin's 3.5-degree-diameter field of view, using
 * obs_lsst's plate scale and radial distortion. That drops 16 CCDs, two in each of the eight rafts
 * next to the corner rafts: the outermost corner CCD (centre at ~1.89 deg) and its neighbour along
 * the focal-plane edge (~1.79 deg). Every other imaging centre is within ~1.71 deg. Result: 173.
 */
export const UNVIGNETTED_FIELD_RADIUS_DEG = 1.75

const imaging = LSSTCAM_DETECTORS.filter((d) => d.purpose === 'imaging')

function select(keep: (d: (typeof imaging)[number]) => boolean): readonly number[] {
  return Object.freeze(imaging.filter(keep).map((d) => d.id))
}

function fromIds(...sets: readonly (readonly number[])[]): readonly number[] {
  const wanted = new Set(sets.flat())
  return select((d) => wanted.has(d.id))
}

function checkerboard(position: (d: (typeof imaging)[number]) => { col: number; row: number }, phase: PatternPhase) {
  // RA turns a CCD (or raft) on when (col + row + phase) is odd: phase 0 takes the odd squares.
  return select((d) => {
    const { col, row } = position(d)
    return (col + row + phase) % 2 === 1
  })
}

function build(pattern: FocalPlanePattern, phase: PatternPhase): readonly number[] {
  switch (pattern) {
    case 'ALL':
      return LSSTCAM_IMAGING_IDS
    case 'CCD_CHECKERBOARD':
      return checkerboard(gridPosition, phase)
    case 'RAFT_CHECKERBOARD':
      return checkerboard(raftPosition, phase)
    case '5_ON_A_DIE':
      return select((d) => (FIVE_ON_A_DIE_RAFTS as readonly string[]).includes(d.raft))
    case 'MINIMAL': {
      const { diagonal, diagonal2, vertical, horizontal } = MINIMAL_ID_SETS
      return fromIds(diagonal, diagonal2, vertical, horizontal)
    }
    case 'ULTRA_MINIMAL':
      return fromIds(MINIMAL_ID_SETS.diagonal, MINIMAL_ID_SETS.diagonal2)
    case 'ALL_UNVIGNETTED':
      return select((d) => fieldAngleDeg(d, LSSTCAM_CAMERA) <= UNVIGNETTED_FIELD_RADIUS_DEG)
  }
}

const TABLE = new Map<string, readonly [readonly number[], readonly number[]]>(
  FocalPlanePattern.values.map((p) => [p, [build(p, 0), build(p, 1)]] as const),
)

/**
 * The sorted LSSTCam imaging detector ids a pattern selects. `phase` (default 0) matters only for
 * the checkerboards; phase 1 is the complement of phase 0 there.
 */
export function patternDetectors(
  pattern: FocalPlanePattern,
  options: { phase?: PatternPhase } = {},
): readonly number[] {
  const phases = TABLE.get(pattern)
  if (phases === undefined) throw new Error(`patternDetectors: '${pattern}' is not a FocalPlanePattern`)
  return phases[options.phase ?? 0]
}

/** The imaging detectors not in `ids`, sorted (RA's "invert imaging selection"). Non-imaging ids are ignored. */
export function invertSelection(ids: Iterable<number>): readonly number[] {
  const selected = new Set(ids)
  return Object.freeze(LSSTCAM_IMAGING_IDS.filter((id) => !selected.has(id)))
}

/** Detector counts per pattern and phase, for the generated docs. */
export const PATTERN_DETECTOR_COUNTS = Object.fromEntries(
  FocalPlanePattern.values.map((p) => [
    p,
    { phase0: patternDetectors(p).length, phase1: patternDetectors(p, { phase: 1 }).length },
  ]),
) as Readonly<Record<FocalPlanePattern, { readonly phase0: number; readonly phase1: number }>>
