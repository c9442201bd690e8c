// ----------------------------------------------------------------------------
// Which detectors of an exposure are processed: the focal-plane pattern (chip
// selection) and the time mode decide the imaging detectors (ra_framework §7.1,
// §7.2); the corner wavefront sensors are always taken. Patterns exist only for
// LSSTCam; other instruments process every detector. Pure: no Redis.
// ----------------------------------------------------------------------------
import {
  detectorsOf,
  type FocalPlanePattern,
  type Instrument,
  invertSelection,
  LSSTCAM_IMAGING_IDS,
  LSSTCAM_WAVEFRONT_IDS,
  patternDetectors,
  type TimeMode,
} from '@rubin/ra-contract'

export interface SelectionInput {
  readonly instrument: Instrument
  readonly exposureId: number
  readonly pattern: FocalPlanePattern
  readonly timeMode: TimeMode
  /** Exposures dispatched since the time mode was last set, before this one. */
  readonly dispatchCount: number
  readonly guaranteedExposures: readonly number[]
}

export interface Selection {
  /** Imaging detector ids to process, sorted. */
  readonly imaging: readonly number[]
  /** Whether the time mode inverted the pattern for this exposure. */
  readonly inverted: boolean
  /** Whether this exposure got the whole focal plane because it is guaranteed (ID_GUARANTEED). */
  readonly guaranteed: boolean
}

/** Every imaging detector of an instrument (LSSTCam: the 189 science CCDs). */
export function imagingDetectors(instrument: Instrument): readonly number[] {
  if (instrument === 'LSSTCam') return LSSTCAM_IMAGING_IDS
  return detectorsOf(instrument)
    .filter((d) => d.purpose === 'imaging')
    .map((d) => d.id)
}

/** The corner wavefront sensors an instrument has (only LSSTCam has any). */
export function wavefrontDetectors(instrument: Instrument): readonly number[] {
  return instrument === 'LSSTCam' ? LSSTCAM_WAVEFRONT_IDS : []
}

/**
 * Whether the time mode inverts the pattern for the exposure dispatched after `dispatchCount`
 * others: ALTERNATING flips on every exposure, ALTERNATING_BY_TWOS every second one (two
 * exposures in a row share a selection, so each CCD has consecutive exposures to compare).
 */
export function invertedFor(timeMode: TimeMode, dispatchCount: number): boolean {
  switch (timeMode) {
    case 'ALTERNATING':
      return dispatchCount % 2 === 1
    case 'ALTERNATING_BY_TWOS':
      return Math.floor(dispatchCount / 2) % 2 === 1
    case 'CONSTANT':
    case 'ID_GUARANTEED':
      return false
  }
}

export function imagingSelection(input: SelectionInput): Selection {
  if (input.instrument !== 'LSSTCam') {
    return { imaging: imagingDetectors(input.instrument), inverted: false, guaranteed: false }
  }
  if (input.timeMode === 'ID_GUARANTEED' && input.guaranteedExposures.includes(input.exposureId)) {
    return { imaging: LSSTCAM_IMAGING_IDS, inverted: false, guaranteed: true }
  }
  const inverted = invertedFor(input.timeMode, input.dispatchCount)
  // For the checkerboards the inverse is exactly phase 1; for the others it is the complement.
  const base = patternDetectors(input.pattern)
  return { imaging: inverted ? invertSelection(base) : base, inverted, guaranteed: false }
}

/** Imaging detectors a pattern leaves out: published as ignoredDetectors for the cluster manager. */
export function ignoredByPattern(pattern: FocalPlanePattern): readonly number[] {
  return invertSelection(patternDetectors(pattern))
}
