// Rebalancing decisions: which workers are spare, which queues are long, affinity.
import { describe, expect, it } from 'vitest'
import { snapshot, view } from './fixtures.ts'
import { pickTarget, rebalanceSources, rebalanceTargets } from './rebalance.ts'

describe('rebalanceTargets', () => {
  it('are the free backlog workers and the free SFM workers with nothing of their own to do', () => {
    const workers = [
      view('BACKLOG_WORKER-LSSTCam-000'),
      view('BACKLOG_WORKER-LSSTCam-001', { busy: true }),
      view('BACKLOG_WORKER-LSSTCam-002', { queueLength: 1 }),
      view('BACKLOG_WORKER-LSSTCam-003', { alive: false }),
      view('SFM_WORKER-LSSTCam-000-010'),
      view('SFM_WORKER-LSSTCam-000-011'),
      view('SFM_WORKER-LSSTCam-000-190'),
      view('AOS_WORKER-LSSTCam-000-191'),
    ]
    const targets = rebalanceTargets(snapshot(workers, { ignoredDetectors: new Set([11]) }), 'LSSTCam')
    expect(targets.map((t) => t.id)).toEqual([
      'BACKLOG_WORKER-LSSTCam-000',
      'SFM_WORKER-LSSTCam-000-011',
      'SFM_WORKER-LSSTCam-000-190',
    ])
  })
})

describe('rebalanceSources', () => {
  it('are SFM queues holding more than one payload, longest first', () => {
    const workers = [
      view('SFM_WORKER-LSSTCam-000-001', { queueLength: 2 }),
      view('SFM_WORKER-LSSTCam-000-002', { queueLength: 1 }),
      view('SFM_WORKER-LSSTCam-000-003', { queueLength: 5 }),
      view('AOS_WORKER-LSSTCam-000-191', { queueLength: 9 }),
    ]
    expect(rebalanceSources(snapshot(workers)).map((w) => w.id)).toEqual([
      'SFM_WORKER-LSSTCam-000-003',
      'SFM_WORKER-LSSTCam-000-001',
    ])
  })
})

describe('pickTarget', () => {
  it('prefers a target that took this detector before, then one with no history, then any', () => {
    const a = view('BACKLOG_WORKER-LSSTCam-000')
    const b = view('BACKLOG_WORKER-LSSTCam-001')
    const c = view('BACKLOG_WORKER-LSSTCam-002')
    const affinity = new Map([
      [a.id, new Set([5])],
      [c.id, new Set([7])],
    ])
    expect(pickTarget(7, [a, b, c], affinity)?.id).toBe(c.id)
    expect(pickTarget(9, [a, b, c], affinity)?.id).toBe(b.id)
    expect(pickTarget(9, [a, c], affinity)?.id).toBe(a.id)
    expect(pickTarget(9, [], affinity)).toBeUndefined()
  })
})
