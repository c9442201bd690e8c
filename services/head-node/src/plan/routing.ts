// ----------------------------------------------------------------------------
// Image-type routing (ra_framework §7.4, deploy-summit semantics: every payload
// carries one data id). Which pipeline and `who` the imaging detectors and the
// corner wavefront sensors run, by the record's lower-cased observation type:
//   bias/dark/flat/unknown → their verification ISR pipeline, who ISR; the corner
//     sensors run plain ISR under the same who (one expected set per calib);
//   cwfs (full-array mode) → the FAM pipeline on the imaging detectors, who AOS;
//     the corner sensors are not dispatched, because two pipelines under one
//     (who, processing id) would leave the AOS gather ambiguous;
//   anything else → SFM on the imaging detectors, the AOS pipeline on the corners.
// Instruments without AOS pipelines (LATISS) route cwfs images as science.
// ----------------------------------------------------------------------------
import {
  type AosCwfsPipeline,
  type AosFamPipeline,
  type Instrument,
  PIPELINE_FOR_IMAGE_TYPE,
  type Pipeline,
  type Who,
} from '@rubin/ra-contract'

export interface Branch {
  readonly who: Who
  readonly pipeline: Pipeline
}

export interface Route {
  readonly kind: 'calib' | 'fam' | 'science'
  readonly imaging: Branch
  /** The corner wavefront sensors' branch; undefined when they are not dispatched. */
  readonly wavefront: Branch | undefined
  /** Recorded as aosPipeline for the processing id, so the AOS step1b runs the same one. */
  readonly aosPipeline: Pipeline | undefined
}

export interface RouteInput {
  readonly instrument: Instrument
  readonly observationType: string
  readonly aosPipeline: AosCwfsPipeline
  readonly famPipeline: AosFamPipeline
}

export const FAM_OBSERVATION_TYPE = 'cwfs'

export function hasAos(instrument: Instrument): boolean {
  return instrument !== 'LATISS'
}

export function routeExposure(input: RouteInput): Route {
  const type = input.observationType.toLowerCase()
  if (Object.hasOwn(PIPELINE_FOR_IMAGE_TYPE, type)) {
    const pipeline = PIPELINE_FOR_IMAGE_TYPE[type as keyof typeof PIPELINE_FOR_IMAGE_TYPE]
    return {
      kind: 'calib',
      imaging: { who: 'ISR', pipeline },
      wavefront: { who: 'ISR', pipeline: 'ISR' },
      aosPipeline: undefined,
    }
  }
  if (type === FAM_OBSERVATION_TYPE && hasAos(input.instrument)) {
    return {
      kind: 'fam',
      imaging: { who: 'AOS', pipeline: input.famPipeline },
      wavefront: undefined,
      aosPipeline: input.famPipeline,
    }
  }
  return {
    kind: 'science',
    imaging: { who: 'SFM', pipeline: 'SFM' },
    wavefront: { who: 'AOS', pipeline: input.aosPipeline },
    aosPipeline: input.aosPipeline,
  }
}

/** Whether a record opens a full-array-mode pair: a cwfs image taken intra-focal. */
export function opensFamPair(observationType: string, observationReason: string): boolean {
  return observationType.toLowerCase() === FAM_OBSERVATION_TYPE && /intra/i.test(observationReason)
}
