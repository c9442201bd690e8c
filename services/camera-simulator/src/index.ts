// @rubin/ra-camera-simulator: raw exposures with known truth, as the Rubin test stands make them.
export {
  exposureRecord,
  resolveSpec,
  type SimulatedExposure,
  type SimulateOptions,
  SimulatorError,
  simulateDetector,
  simulateExposure,
} from './exposure.ts'
export { defaultEncoder, type FitsEncoder, type ImageHdu, plainFitsEncoder, riceFitsEncoder } from './fits.ts'
export { amplifierCards, type Card, guiderStampExtname, primaryCards } from './headers.ts'
export { INSTRUMENT_FACTS } from './instruments.ts'
export { binnedLayout } from './layout.ts'
export { type NightOptions, type NightSummary, runNight } from './night.ts'
export { expandPlan, NightPlan, parsePlan, REALISTIC_CADENCE_SECONDS, readPlan } from './plan.ts'
export { createRng, type Rng, streamSeed } from './prng.ts'
export { expectedElectrons, type RawAmplifier, readOut } from './render.ts'
export { announceLanding, directorySink, type ExposureSink, s3Sink, truthKeyOf } from './sink.ts'
export {
  DROPPED_KEYWORD,
  EXPOSURE_TIME_DEFAULT,
  ExposureOptions,
  type ExposureSpec,
  FAULTS,
  type Fault,
  IMAGE_TYPES,
  type ImageType,
  UNKNOWN_DETECTOR_NAME,
} from './spec.ts'
export { DetectorTruth, ExposureTruth, TRUTH_SCHEMA_VERSION } from './truth.ts'
