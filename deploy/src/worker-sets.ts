// ----------------------------------------------------------------------------
// Worker sets → StatefulSets. A worker knows only its pod name; the worker maps
// the trailing ordinal to (depth, detector) as today's RA does (ra_framework
// §4.3): LSSTCam SFM detector = N mod 205, depth = N div 205; LSSTCam AOS
// (depth, detector) = (N div 8, wavefront[N mod 8]); ComCam N mod 9; LATISS and
// per-instrument flavours depth = N. Each depth is its own StatefulSet (the
// restartable "SFM set 1, 2…"), starting its ordinals at depth × per-depth
// count (`spec.ordinals.start`), so the pod name carries the identity.
// ----------------------------------------------------------------------------
import {
  INSTRUMENT_DETECTOR_COUNT,
  type Instrument,
  LSSTCAM_IMAGING_IDS,
  LSSTCAM_WAVEFRONT_IDS,
  type Service,
  WORKER_FLAVOUR_SHAPE,
  type WorkerFlavour,
} from '@rubin/ra-contract'
import type { Resources, WorkerSetSpec } from './model.ts'

export interface StatefulWorkerSet {
  /** StatefulSet name, e.g. `lsstcam-sfm-worker-d0`. */
  readonly name: string
  readonly instrument: Instrument
  readonly flavour: WorkerFlavour
  /** The contract service the pods run as (its Redis user). */
  readonly service: Extract<Service, 'worker' | 'step1b-worker'>
  readonly depth: number | undefined
  readonly ordinalStart: number
  readonly replicas: number
  readonly resources: Resources
}

/** Which contract service a flavour runs as (the worker's own serviceForFlavour rule). */
export function serviceOfFlavour(flavour: WorkerFlavour): StatefulWorkerSet['service'] {
  return flavour === 'STEP1B_WORKER' || flavour === 'STEP1B_AOS_WORKER' ? 'step1b-worker' : 'worker'
}

/** The detectors a per-detector flavour serves, in ordinal order within one depth. */
export function detectorsServed(instrument: Instrument, flavour: WorkerFlavour): readonly number[] {
  const all = Array.from({ length: INSTRUMENT_DETECTOR_COUNT[instrument] }, (_, i) => i)
  if (instrument !== 'LSSTCam') return all
  return flavour === 'AOS_WORKER' ? LSSTCAM_WAVEFRONT_IDS : LSSTCAM_IMAGING_IDS
}

/** Ordinals per depth: the stride of the worker's ordinal → depth mapping. */
function ordinalsPerDepth(instrument: Instrument, flavour: WorkerFlavour): number {
  if (instrument === 'LSSTCam' && flavour === 'AOS_WORKER') return LSSTCAM_WAVEFRONT_IDS.length
  return INSTRUMENT_DETECTOR_COUNT[instrument]
}

const slug = (text: string) => text.toLowerCase().replaceAll('_', '-')

export function workerSets(instrument: Instrument, spec: WorkerSetSpec): StatefulWorkerSet[] {
  const shape = WORKER_FLAVOUR_SHAPE[spec.flavour]
  const base = `${slug(instrument)}-${slug(spec.flavour)}`
  const common = {
    instrument,
    flavour: spec.flavour,
    service: serviceOfFlavour(spec.flavour),
    resources: spec.resources,
  }
  if (shape === 'perDetector') {
    const stride = ordinalsPerDepth(instrument, spec.flavour)
    const served = detectorsServed(instrument, spec.flavour)
    // AOS ordinals index the wavefront list; SFM ordinals are detector numbers, and the last
    // imaging detector bounds the set (LSSTCam 189–204 are not imaging CCDs).
    const perDepth = instrument === 'LSSTCam' && spec.flavour === 'AOS_WORKER' ? stride : Math.max(...served) + 1
    // LATISS has one detector: a depth per pod, all in one set.
    if (stride === 1) return [{ ...common, name: base, depth: undefined, ordinalStart: 0, replicas: spec.depths ?? 1 }]
    return Array.from({ length: spec.depths ?? 1 }, (_, depth) => ({
      ...common,
      name: `${base}-d${depth}`,
      depth,
      ordinalStart: depth * stride,
      replicas: perDepth,
    }))
  }
  return [
    {
      ...common,
      name: base,
      depth: undefined,
      ordinalStart: 0,
      replicas: shape === 'singleton' ? 1 : (spec.replicas ?? 1),
    },
  ]
}
