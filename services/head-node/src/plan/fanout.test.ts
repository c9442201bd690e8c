import { type ExposureRecord, type ProcessPayload, patternDetectors } from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import { describe, expect, it } from 'vitest'
import { type HeadNodeState, INITIAL_STATE } from '../state.ts'
import { type FanOutInput, planFanOut } from './fanout.ts'
import { WorkerDirectory, type WorkerInfo } from './workers.ts'

const record: ExposureRecord = {
  instrument: 'LSSTCam',
  exposureId: 2025111500226,
  obsId: 'MC_O_20251115_000226',
  dayObs: 20251115,
  seqNum: 226,
  controller: 'O',
  groupId: '2025-11-16T03:12:40.000',
  observationType: 'science',
  observationReason: 'field_survey_science',
  physicalFilter: 'r_57',
  exposureTime: 30,
  darkTime: 30.8,
  targetName: 'field',
  scienceProgram: 'BLOCK-365',
  trackingRa: 320.1,
  trackingDec: -15.2,
  skyAngle: 12.5,
  azimuth: 140.2,
  zenithAngle: 22.7,
  canSeeSky: true,
  timespanBegin: '2025-11-16T03:12:05.000Z',
  timespanEnd: '2025-11-16T03:12:35.000Z',
}

const oneOffs: WorkerInfo[] = [
  {
    id: 'ONE_OFF_EXPRECORD_WORKER-LSSTCam-000',
    flavour: 'ONE_OFF_EXPRECORD_WORKER',
    depth: 0,
    detector: undefined,
    heartbeat: 'busy',
  },
  {
    id: 'ONE_OFF_EXPRECORD_WORKER-LSSTCam-001',
    flavour: 'ONE_OFF_EXPRECORD_WORKER',
    depth: 1,
    detector: undefined,
    heartbeat: 'free',
  },
  { id: 'GUIDER_WORKER-LSSTCam-000', flavour: 'GUIDER_WORKER', depth: 0, detector: undefined, heartbeat: 'free' },
]

const input = (over: Partial<FanOutInput> = {}): FanOutInput => ({
  record,
  state: INITIAL_STATE,
  workers: new WorkerDirectory('LSSTCam', oneOffs),
  run: 'LSSTCam/runs/quickLook/1',
  now: new Date('2025-11-16T03:12:45.100Z'),
  ...over,
})

const payloadsOf = (plan: ReturnType<typeof planFanOut>) =>
  plan.payloads.map((p) => ({ workerId: p.workerId, payload: JSON.parse(p.json) as ProcessPayload }))

describe('fan-out plan', () => {
  it('sends a science exposure to 189 SFM and 8 AOS workers plus both one-offs, all valid payloads', () => {
    const plan = planFanOut(input())
    const payloads = payloadsOf(plan)
    expect(payloads.filter((p) => p.payload.who === 'SFM')).toHaveLength(189)
    expect(payloads.filter((p) => p.payload.who === 'AOS')).toHaveLength(8)
    expect(payloads.filter((p) => p.payload.who === 'ONE_OFF').map((p) => [p.workerId, p.payload.task])).toEqual([
      ['ONE_OFF_EXPRECORD_WORKER-LSSTCam-001', 'EXPOSURE_RECORD'],
      ['GUIDER_WORKER-LSSTCam-000', 'GUIDER'],
    ])
    for (const { payload } of payloads) expect(validate('Payload', payload).ok).toBe(true)
    expect(plan.invalid).toEqual([])
    expect(plan.expected.map((e) => [e.who, e.detectors.length])).toEqual([
      ['SFM', 189],
      ['AOS', 8],
    ])
    expect(plan.aosPipeline).toBe('AOS_DANISH')
    expect(plan.processingId).toBe('2025111500226')
  })

  it('builds the contract’s payload for detector 94, deterministically named', () => {
    const sfm94 = payloadsOf(planFanOut(input())).find((p) => p.payload.dataIds[0]?.detector === 94)
    expect(sfm94).toEqual({
      workerId: 'SFM_WORKER-LSSTCam-000-094',
      payload: {
        kind: 'process',
        payloadId: '2025111500226-SFM-094-1',
        instrument: 'LSSTCam',
        step: 'step1a',
        who: 'SFM',
        pipeline: 'SFM',
        dataIds: [{ instrument: 'LSSTCam', exposure: 2025111500226, detector: 94 }],
        run: 'LSSTCam/runs/quickLook/1',
        specialMessage: '',
        attempt: 1,
        enqueuedAt: '2025-11-16T03:12:45.100Z',
      },
    })
    const guider = payloadsOf(planFanOut(input())).find((p) => p.payload.task === 'GUIDER')
    expect(guider?.payload.payloadId).toBe('2025111500226-ONE-OFF-GUIDER-1')
  })

  it('skips the guider when the sky is not visible, and one-offs with no registered worker', () => {
    const dark = planFanOut(input({ record: { ...record, canSeeSky: false } }))
    expect(payloadsOf(dark).some((p) => p.payload.task === 'GUIDER')).toBe(false)
    expect(dark.skipped).toEqual([])
    const none = planFanOut(input({ workers: new WorkerDirectory('LSSTCam', []) }))
    expect(none.skipped).toEqual([
      'EXPOSURE_RECORD: no ONE_OFF_EXPRECORD_WORKER is registered',
      'GUIDER: no GUIDER_WORKER is registered',
    ])
    expect(none.payloads).toHaveLength(197)
  })

  it('routes a bias to BIAS under who ISR with the corner sensors in the same expected set', () => {
    const plan = planFanOut(input({ record: { ...record, observationType: 'bias', canSeeSky: false } }))
    expect(plan.expected).toEqual([{ who: 'ISR', detectors: expect.any(Array) }])
    expect(plan.expected[0]?.detectors).toHaveLength(197)
    const pipelines = new Set(payloadsOf(plan).flatMap((p) => (p.payload.who === 'ISR' ? [p.payload.pipeline] : [])))
    expect(pipelines).toEqual(new Set(['BIAS', 'ISR']))
    expect(plan.aosPipeline).toBeUndefined()
  })

  it('applies the chip selection and the time mode phase, and counts the dispatch', () => {
    const state: HeadNodeState = {
      controls: {
        ...INITIAL_STATE.controls,
        CHIP_SELECTION: 'RAFT_CHECKERBOARD',
        VISIT_PROCESSING_MODE: 'ALTERNATING',
      },
      dispatch: { ...INITIAL_STATE.dispatch, dispatchCount: 5, latestExposureId: 2025111500300 },
    }
    const plan = planFanOut(input({ state }))
    expect(plan.selection.inverted).toBe(true)
    expect(plan.expected[0]?.detectors).toEqual(patternDetectors('RAFT_CHECKERBOARD', { phase: 1 }))
    expect(plan.dispatch).toEqual({
      dispatchCount: 6,
      latestExposureId: 2025111500300,
      guaranteedExposures: [],
      openFamPair: undefined,
    })
  })

  it('routes a FAM image to the FAM pipeline and opens the pair on the intra-focal one', () => {
    const state: HeadNodeState = {
      ...INITIAL_STATE,
      controls: { ...INITIAL_STATE.controls, AOS_FAM_PIPELINE: 'AOS_FAM_TIE' },
    }
    const intra = planFanOut(
      input({ state, record: { ...record, observationType: 'cwfs', observationReason: 'intra' } }),
    )
    expect(intra.expected.map((e) => [e.who, e.detectors.length])).toEqual([['AOS', 189]])
    expect(intra.aosPipeline).toBe('AOS_FAM_TIE')
    expect(intra.dispatch.openFamPair).toBe(record.exposureId)
    const workers = new Set(
      intra.payloads.filter((p) => p.flavour !== 'ONE_OFF_EXPRECORD_WORKER').map((p) => p.flavour),
    )
    expect(workers).toEqual(new Set(['SFM_WORKER', 'GUIDER_WORKER']))
    const extra = planFanOut(input({ record: { ...record, observationType: 'cwfs', observationReason: 'extra' } }))
    expect(extra.dispatch.openFamPair).toBeUndefined()
  })

  it('reports payloads the contract refuses instead of queueing them', () => {
    const plan = planFanOut(input({ run: 'x', record: { ...record, exposureId: -1 } }))
    expect(plan.invalid.length).toBeGreaterThan(0)
  })
})
