// ----------------------------------------------------------------------------
// Who this worker is. A StatefulSet pod only knows its ordinal (the trailing
// `-N` of its name), so the ordinal is mapped to (depth, detector) exactly as
// today's RA does (ra_framework.md §4.3); explicit depth/detector settings win.
// The id string itself is built by the contract, never here.
// ----------------------------------------------------------------------------
import {
  fail,
  INSTRUMENT_DETECTOR_COUNT,
  type Instrument,
  issue,
  LSSTCAM_WAVEFRONT_IDS,
  ok,
  type Result,
  WORKER_FLAVOUR_SHAPE,
  type WorkerFlavour,
  workerId,
} from '@rubin/ra-contract'

export interface WorkerIdentity {
  readonly id: string
  readonly flavour: WorkerFlavour
  readonly instrument: Instrument
  readonly depth?: number
  readonly detector?: number
}

export interface Placement {
  readonly depth?: number
  readonly detector?: number
}

/** LSSTCam AOS pods: 8 per depth, one per corner wavefront half-chip, in this order. */
export const AOS_ORDINAL_DETECTORS: readonly number[] = LSSTCAM_WAVEFRONT_IDS

/** (depth, detector) for StatefulSet ordinal `n` of a flavour (§4.3). */
export function placementForOrdinal(instrument: Instrument, flavour: WorkerFlavour, n: number): Placement {
  const shape = WORKER_FLAVOUR_SHAPE[flavour]
  if (shape === 'singleton') return {}
  if (shape === 'perInstrument') return { depth: n }
  if (instrument === 'LSSTCam' && flavour === 'AOS_WORKER') {
    const per = AOS_ORDINAL_DETECTORS.length
    return { depth: Math.floor(n / per), detector: AOS_ORDINAL_DETECTORS[n % per] as number }
  }
  // LSSTCam SFM: 205 per depth; ComCam: 9 per depth; LATISS: one detector, so depth = n.
  const count = INSTRUMENT_DETECTOR_COUNT[instrument]
  return { depth: Math.floor(n / count), detector: n % count }
}

/** The ordinal at the end of a pod name (`sfm-worker-94` → 94), if any. */
export function ordinalOf(name: string): number | undefined {
  const match = /-(\d+)$/.exec(name.trim())
  return match ? Number(match[1]) : undefined
}

export interface IdentitySettings {
  readonly instrument: Instrument
  readonly flavour: WorkerFlavour
  readonly depth?: number | undefined
  readonly detector?: number | undefined
  /** The pod name (StatefulSet: `{set}-{ordinal}`). */
  readonly workerName?: string | undefined
}

export function resolveIdentity(settings: IdentitySettings): Result<WorkerIdentity> {
  const { instrument, flavour } = settings
  if (flavour === 'HEAD_NODE') {
    return fail(issue('/RA_WORKER_FLAVOUR', 'HEAD_NODE is not a worker flavour', { received: flavour }))
  }
  const shape = WORKER_FLAVOUR_SHAPE[flavour]
  const explicit =
    shape === 'singleton' ||
    (settings.depth !== undefined && (shape === 'perInstrument' || settings.detector !== undefined))
  let placement: Placement
  if (explicit) {
    placement = {
      ...(settings.depth === undefined ? {} : { depth: settings.depth }),
      ...(settings.detector === undefined ? {} : { detector: settings.detector }),
    }
  } else {
    const n = settings.workerName === undefined ? undefined : ordinalOf(settings.workerName)
    if (n === undefined) {
      const what = shape === 'perDetector' ? 'RA_WORKER_DEPTH and RA_WORKER_DETECTOR' : 'RA_WORKER_DEPTH'
      return fail(
        issue('/WORKER_NAME', `${flavour} needs ${what}, or WORKER_NAME ending in the StatefulSet ordinal -N`, {
          received: settings.workerName,
        }),
      )
    }
    placement = placementForOrdinal(instrument, flavour, n)
  }
  const id = workerId({ flavour, instrument, depth: placement.depth, detector: placement.detector })
  if (!id.ok) return id
  return ok({ id: id.value, flavour, instrument, ...placement })
}
