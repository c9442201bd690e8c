// Where a dead worker’s payload goes: same detector, then a free backlog worker, then home.
import type { ProcessPayload } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { view } from './fixtures.ts'
import { chooseRequeueTarget, specialMessageAt } from './recovery.ts'

const payload = (detector: number | undefined, fields: Partial<ProcessPayload> = {}): ProcessPayload => ({
  kind: 'process',
  payloadId: `2025041500060-SFM-${detector}-1`,
  instrument: 'LSSTCam',
  step: 'step1a',
  who: 'SFM',
  pipeline: 'SFM',
  dataIds: [{ instrument: 'LSSTCam', exposure: 2025041500060, ...(detector === undefined ? {} : { detector }) }],
  run: 'LSSTCam/runs/quickLook/1',
  specialMessage: '',
  attempt: 1,
  enqueuedAt: '2025-04-16T03:12:45.100Z',
  ...fields,
})

const dead = view('SFM_WORKER-LSSTCam-000-094', { alive: false, claimedLength: 1 })

describe('chooseRequeueTarget', () => {
  it('prefers a live worker for the same detector at any depth, the least loaded first', () => {
    const workers = [
      dead,
      view('SFM_WORKER-LSSTCam-001-094', { busy: true, queueLength: 2 }),
      view('SFM_WORKER-LSSTCam-002-094', { busy: true }),
      view('SFM_WORKER-LSSTCam-003-094', { alive: false }),
      view('SFM_WORKER-LSSTCam-000-095'),
      view('BACKLOG_WORKER-LSSTCam-000'),
    ]
    expect(chooseRequeueTarget(dead, payload(94), workers)).toMatchObject({
      kind: 'same-detector',
      worker: { id: 'SFM_WORKER-LSSTCam-002-094' },
    })
    // What this pass already planned counts as load.
    const planned = new Map([['SFM_WORKER-LSSTCam-002-094', 5]])
    expect(chooseRequeueTarget(dead, payload(94), workers, planned).worker.id).toBe('SFM_WORKER-LSSTCam-001-094')
  })

  it('falls back to a free backlog worker, then to the dead worker’s own queue', () => {
    const busyBacklog = view('BACKLOG_WORKER-LSSTCam-000', { busy: true })
    const freeBacklog = view('BACKLOG_WORKER-LSSTCam-001')
    expect(chooseRequeueTarget(dead, payload(94), [dead, busyBacklog, freeBacklog])).toMatchObject({
      kind: 'backlog',
      worker: { id: 'BACKLOG_WORKER-LSSTCam-001' },
    })
    const planned = new Map([['BACKLOG_WORKER-LSSTCam-001', 1]])
    expect(chooseRequeueTarget(dead, payload(94), [dead, busyBacklog, freeBacklog], planned)).toMatchObject({
      kind: 'own',
      worker: { id: dead.id },
    })
  })

  it('gives a dead backlog worker’s payload back to the owner of its detector', () => {
    const backlog = view('BACKLOG_WORKER-LSSTCam-000', { alive: false })
    const owner = view('AOS_WORKER-LSSTCam-000-191', { busy: true })
    const aos = payload(191, { who: 'AOS', pipeline: 'AOS_DANISH' })
    expect(chooseRequeueTarget(backlog, aos, [backlog, owner, view('SFM_WORKER-LSSTCam-000-191')]).worker.id).toBe(
      owner.id,
    )
  })

  it('gives per-instrument work to another worker of the same flavour', () => {
    const step1b = view('STEP1B_WORKER-LSSTCam-000', { alive: false })
    const other = view('STEP1B_WORKER-LSSTCam-001', { busy: true })
    const gather = payload(undefined, { step: 'step1b', dataIds: [{ instrument: 'LSSTCam', visit: 2025041500060 }] })
    expect(chooseRequeueTarget(step1b, gather, [step1b, other, view('BACKLOG_WORKER-LSSTCam-000')])).toMatchObject({
      kind: 'same-flavour',
      worker: { id: other.id },
    })
  })
})

describe('specialMessageAt', () => {
  it('marks GUEST only on a non-backlog worker that does not own the detector', () => {
    expect(specialMessageAt(view('SFM_WORKER-LSSTCam-001-094'), payload(94))).toBe('')
    expect(specialMessageAt(view('SFM_WORKER-LSSTCam-000-190'), payload(94))).toBe('GUEST')
    expect(specialMessageAt(view('BACKLOG_WORKER-LSSTCam-000'), payload(94))).toBe('')
    expect(specialMessageAt(view('STEP1B_WORKER-LSSTCam-000'), payload(undefined))).toBe('=')
  })
})
