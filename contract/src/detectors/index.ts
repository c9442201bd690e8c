// Public API of the detector catalogue: geometry facts, lookups, fixed sets and focal-plane patterns.
export {
  type AmplifierLayout,
  fitsSection,
  type PixelBox,
  rawToAssembled,
  type SensorLayout,
  sensorLayoutOf,
} from './amplifiers.ts'
export { COMCAM_DETECTORS } from './comcam.ts'
export { LATISS_CAMERA, LATISS_DETECTORS } from './data/latiss.data.ts'
export { LSSTCAM_CAMERA, LSSTCAM_DETECTORS } from './data/lsstcam.data.ts'
export { type CameraOptics, fieldAngleDeg, gridPosition, raftPosition } from './geometry.ts'
export { detectorById, detectorByName, detectorsOf, parseDetector } from './lookup.ts'
export {
  FIVE_ON_A_DIE_RAFTS,
  invertSelection,
  MINIMAL_ID_SETS,
  PATTERN_DETECTOR_COUNTS,
  type PatternPhase,
  patternDetectors,
  UNVIGNETTED_FIELD_RADIUS_DEG,
} from './patterns.ts'
export {
  CWFS_PAIRS,
  CwfsCorner,
  type CwfsPair,
  EXTRA_FOCAL_IDS,
  INTRA_FOCAL_IDS,
  LSSTCAM_GUIDER_IDS,
  LSSTCAM_IMAGING_IDS,
  LSSTCAM_WAVEFRONT_IDS,
} from './sets.ts'
export { type Detector, DetectorPurpose, PhysicalType } from './types.ts'
