// ----------------------------------------------------------------------------
// Which products one LSSTCam science exposure should produce, derived from the
// configured run (which detectors the simulator writes, the witness detector,
// whether a MOSAIC_WORKER and the snowflakes run) — so `products_expected` is
// what the real pipelines are meant to write, not a tuned constant:
//   step1a (SFM, witness detector only) → lsstcam witness_detector + imexam,
//     when the witness detector is among the simulated imaging detectors;
//   step1b (SFM visit step)            → lsstcam fwhm_focal_plane + psf_shape_azel;
//   MOSAIC_POST_ISR (MOSAIC_WORKER)    → lsstcam focal_plane_mosaic;
//   EXPOSURE_RECORD one-off            → lsstcam event_timeline + mount;
//   AOS visit step                     → the five lsstcam_aos products, when at
//     least one corner wavefront raw exists (the runner works with the half-chips
//     it finds; detectors without a raw fail their step1a and the gather goes on);
//   GUIDER one-off                     → the three lsstcam_guider trend plots,
//     only when guider raws exist (a sky exposure with guider detectors simulated);
//   snowflakes performance monitor     → ra_performance timing_diagram per SFM
//     gather, aos_timing per AOS gather (the head node fans a science exposure
//     out to the wavefront sensors whether or not their raws exist, so both
//     gathers happen and both have timings).
// A camera fault (the simulator's, applied to the first detector it writes) changes
// what one exposure can produce: see FAULT_EFFECTS and expectedForFault.
// Channels are typed against the contract's registry (a rename fails to compile);
// the camera each renderer writes to is the products catalogue's
// (services/products/src/catalogue.ts).
// ----------------------------------------------------------------------------
import type { Fault } from '@rubin/ra-camera-simulator'
import { type Camera, type ChannelName, detectorById, detectorsOf, type Instrument } from '@rubin/ra-contract'

export interface ProductTarget<C extends Camera = Camera> {
  readonly camera: C
  readonly channel: ChannelName<C>
}

const at = <C extends Camera>(camera: C, ...channels: ChannelName<C>[]): ProductTarget[] =>
  channels.map((channel) => ({ camera, channel }) as ProductTarget)

export const PRODUCTS_BY_STEP = {
  witness: at('lsstcam', 'witness_detector', 'imexam'),
  visit: at('lsstcam', 'fwhm_focal_plane', 'psf_shape_azel'),
  mosaic: at('lsstcam', 'focal_plane_mosaic'),
  exposureRecord: at('lsstcam', 'event_timeline', 'mount'),
  aos: at(
    'lsstcam_aos',
    'fp_pairing_plot',
    'fp_donut_gallery',
    'zk_measurement_pyramid',
    'zk_residual_pyramid',
    'donut_fits',
  ),
  guider: at('lsstcam_guider', 'centroid_alt_az', 'flux_trend', 'psf_trend'),
  sfmTiming: at('ra_performance', 'timing_diagram'),
  aosTiming: at('ra_performance', 'aos_timing'),
} as const

/** The witness detector the worker uses by default for LSSTCam (services/worker README). */
export const DEFAULT_WITNESS_DETECTOR = 94

export interface ExpectedRun {
  readonly instrument: Instrument
  /** Detectors the simulator writes raws for. */
  readonly detectors: readonly number[]
  readonly witnessDetector: number
  /** A MOSAIC_WORKER is registered (the head node queues the mosaic only then). */
  readonly mosaicWorker: boolean
  /** The snowflakes service runs its performance monitor. */
  readonly snowflakes: boolean
  /** The exposure sees the sky (science): GUIDER runs only then. */
  readonly canSeeSky: boolean
}

/** The products one science exposure of this run should produce. */
export function expectedProducts(run: ExpectedRun): ProductTarget[] {
  if (run.instrument !== 'LSSTCam')
    throw new Error(`expected products are derived for LSSTCam only, not ${run.instrument}`)
  const purpose = (id: number) => detectorById(run.instrument, id)?.purpose
  const has = (p: string) => run.detectors.some((id) => purpose(id) === p)
  const out: ProductTarget[] = []
  if (run.detectors.includes(run.witnessDetector) && purpose(run.witnessDetector) === 'imaging')
    out.push(...PRODUCTS_BY_STEP.witness)
  out.push(...PRODUCTS_BY_STEP.visit)
  if (run.mosaicWorker) out.push(...PRODUCTS_BY_STEP.mosaic)
  out.push(...PRODUCTS_BY_STEP.exposureRecord)
  if (has('wavefront')) out.push(...PRODUCTS_BY_STEP.aos)
  if (run.canSeeSky && has('guider')) out.push(...PRODUCTS_BY_STEP.guider)
  if (run.snowflakes) {
    out.push(...PRODUCTS_BY_STEP.sfmTiming)
    out.push(...PRODUCTS_BY_STEP.aosTiming)
  }
  return out
}

/**
 * What each simulated camera fault does to the raw of the detector it hits (the first one the
 * simulator writes, services/camera-simulator/src/spec.ts), as far as the quicklook can tell:
 * `unreadable` raws fail their step1a, so that detector contributes nothing downstream.
 */
export const FAULT_EFFECTS: Readonly<Record<Fault, { readonly unreadable: boolean; readonly why: string }>> = {
  truncated: { unreadable: true, why: 'half a FITS file: step1a fails RA_QUICKLOOK_BAD_FITS' },
  missingKeyword: {
    unreadable: false,
    why: 'the quicklook does not read FILTER (the band comes from the ExposureRecord): processed as usual',
  },
  unknownDetector: {
    unreadable: false,
    why: 'the extra R99_S99 file is no detector of the camera: no payload names it, the real detectors are untouched',
  },
}

/** The detectors the simulator writes for this run, in its order (all of the instrument's when not told). */
export function simulatedDetectors(instrument: Instrument, detectors: readonly number[] | undefined): number[] {
  return detectors === undefined ? detectorsOf(instrument).map((d) => d.id) : [...detectors]
}

/**
 * The products one science exposure with this fault should produce: the fault's detector is
 * taken out of the run's detectors when its raw cannot be read (a truncated raw of the witness
 * detector means no witness_detector or imexam for that exposure, derived, not tuned).
 */
export function expectedForFault(run: ExpectedRun, fault: Fault | undefined): ProductTarget[] {
  const hit = run.detectors[0]
  if (fault === undefined || hit === undefined || !FAULT_EFFECTS[fault].unreadable) return expectedProducts(run)
  return expectedProducts({ ...run, detectors: run.detectors.slice(1) })
}
