// @rubin/ra-quicklook: the built-in quicklook algorithms of the RA workers (pure functions on
// typed arrays; no Redis or S3 here).
export {
  type AosOptions,
  type AosPairSummary,
  analyzeCwfsPair,
  type Donut,
  type DonutImageSummary,
  measureDonuts,
} from './aos.ts'
export { type Background, type BackgroundOptions, measureBackground } from './background.ts'
export { type BinnedImage, binImage } from './bin.ts'
export { type DetectOptions, detectFootprints, type Footprint } from './detect.ts'
export { isQuicklookError, QUICKLOOK_ERROR_CODES, QuicklookError, type QuicklookErrorCode } from './errors.ts'
export {
  analyzeGuider,
  type GuiderResult,
  type GuiderStamp,
  type GuiderTrends,
  measureStamp,
  type StampMeasurement,
} from './guider.ts'
export type { FloatImage, Image, Pixels } from './image.ts'
export { type AmpIsrResult, type AssembleResult, assemble, type IsrOptions, isrAmp, OverscanMode } from './isr.ts'
export { type AmpGeometry, type Box, type DetectorGeometry, LSSTCAM_PIXEL_SCALE_ARCSEC } from './layout.ts'
export { adaptiveMoments, ellipticity, fwhmPixels, type Moments } from './moments.ts'
export {
  measureStars,
  type PsfOptions,
  type PsfResult,
  type PsfSummary,
  RejectReason,
  type Star,
  summarizePsf,
} from './psf.ts'
export { amplifiersOf, guiderStampsOf, layoutOf, openRaw, type RawStep1aOptions, runStep1a } from './raw.ts'
export { parseSection } from './sections.ts'
export { clippedStats, largeMedian, median } from './stats.ts'
export {
  type AmpSummary,
  measureAssembled,
  runStep1aOnAmps,
  type Step1aOptions,
  type Step1aResult,
  type Step1aSummary,
} from './step1a.ts'
export { aggregateVisit, type DetectorOutcome, type VisitSummary } from './step1b.ts'
