// ----------------------------------------------------------------------------
// The fan-out plan for one exposure (ra_framework §7.5), computed without Redis
// from the record, the state in effect and the registered workers: which
// detectors are expected per `who`, every payload and the queue it goes to, the
// AOS pipeline to record, and the dispatch state after it. The caller commits
// the whole plan in one atomic step.
// ----------------------------------------------------------------------------
import type { DispatchState, ExposureRecord, Issue, Pipeline, Who, WorkerFlavour } from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import type { HeadNodeState } from '../state.ts'
import { detectorPayload, type OneOffTaskName, oneOffPayload, type PayloadContext } from './payloads.ts'
import { opensFamPair, type Route, routeExposure } from './routing.ts'
import { imagingSelection, type Selection, wavefrontDetectors } from './selection.ts'
import type { WorkerDirectory } from './workers.ts'

export interface QueuedPayload {
  readonly workerId: string
  readonly flavour: WorkerFlavour
  readonly detector: number | undefined
  /** Payload JSON, validated against the contract. */
  readonly json: string
}

export interface ExpectedSet {
  readonly who: Who
  readonly detectors: readonly number[]
}

export interface FanOutPlan {
  readonly exposureId: number
  /** Completion bookkeeping key: deploy-summit payloads carry one exposure, so its id. */
  readonly processingId: string
  readonly route: Route
  readonly selection: Selection
  readonly expected: readonly ExpectedSet[]
  readonly payloads: readonly QueuedPayload[]
  readonly aosPipeline: Pipeline | undefined
  readonly dispatch: DispatchState
  /** One-offs not dispatched, with why (no worker of that flavour registered). */
  readonly skipped: readonly string[]
  /** Payloads that failed contract validation: the record cannot be dispatched. */
  readonly invalid: readonly Issue[]
}

export interface FanOutInput {
  readonly record: ExposureRecord
  readonly state: HeadNodeState
  readonly workers: WorkerDirectory
  readonly run: string
  readonly now: Date
}

const ONE_OFFS: readonly { task: OneOffTaskName; flavour: WorkerFlavour; when: (r: ExposureRecord) => boolean }[] = [
  { task: 'EXPOSURE_RECORD', flavour: 'ONE_OFF_EXPRECORD_WORKER', when: () => true },
  { task: 'GUIDER', flavour: 'GUIDER_WORKER', when: (r) => r.canSeeSky === true },
]

export function planFanOut(input: FanOutInput): FanOutPlan {
  const { record, state, workers } = input
  const { controls, dispatch } = state
  const instrument = record.instrument
  const exposureId = record.exposureId
  const context: PayloadContext = { instrument, run: input.run, enqueuedAt: input.now.toISOString() }
  const route = routeExposure({
    instrument,
    observationType: record.observationType,
    aosPipeline: controls.AOS_PIPELINE,
    famPipeline: controls.AOS_FAM_PIPELINE,
  })
  const selection = imagingSelection({
    instrument,
    exposureId,
    pattern: controls.CHIP_SELECTION,
    timeMode: controls.VISIT_PROCESSING_MODE,
    dispatchCount: dispatch.dispatchCount,
    guaranteedExposures: dispatch.guaranteedExposures,
  })

  const payloads: QueuedPayload[] = []
  const invalid: Issue[] = []
  const expected = new Map<Who, number[]>()
  const queue = (workerId: string, flavour: WorkerFlavour, detector: number | undefined, payload: unknown) => {
    const checked = validate('Payload', payload)
    if (!checked.ok) invalid.push(...checked.issues)
    payloads.push({ workerId, flavour, detector, json: JSON.stringify(payload) })
  }
  const dispatchDetectors = (
    detectors: readonly number[],
    branch: Route['imaging'],
    flavour: 'SFM_WORKER' | 'AOS_WORKER',
  ) => {
    for (const detector of detectors) {
      queue(
        workers.detectorTarget(flavour, detector),
        flavour,
        detector,
        detectorPayload(context, exposureId, detector, branch),
      )
      expected.set(branch.who, [...(expected.get(branch.who) ?? []), detector])
    }
  }
  dispatchDetectors(selection.imaging, route.imaging, 'SFM_WORKER')
  if (route.wavefront) dispatchDetectors(wavefrontDetectors(instrument), route.wavefront, 'AOS_WORKER')

  const skipped: string[] = []
  for (const oneOff of ONE_OFFS) {
    if (!oneOff.when(record)) continue
    const target = workers.singleTarget(oneOff.flavour)
    if (target === undefined) {
      skipped.push(`${oneOff.task}: no ${oneOff.flavour} is registered`)
      continue
    }
    queue(target, oneOff.flavour, undefined, oneOffPayload(context, exposureId, oneOff.task))
  }

  const usesAos = expected.has('AOS')
  return {
    exposureId,
    processingId: String(exposureId),
    route,
    selection,
    expected: [...expected].map(([who, detectors]) => ({ who, detectors: [...detectors].sort((a, b) => a - b) })),
    payloads,
    aosPipeline: usesAos ? route.aosPipeline : undefined,
    dispatch: {
      dispatchCount: dispatch.dispatchCount + 1,
      latestExposureId: Math.max(dispatch.latestExposureId ?? exposureId, exposureId),
      guaranteedExposures: dispatch.guaranteedExposures,
      // As today: a FAM pair is open while the last exposure dispatched is an intra-focal cwfs image.
      openFamPair: opensFamPair(record.observationType, record.observationReason) ? exposureId : undefined,
    },
    skipped,
    invalid,
  }
}
