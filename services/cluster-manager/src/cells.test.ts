// Cluster-status cells from worker views, checked against today’s exact bytes.
import { encodeClusterStatus } from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import { describe, expect, it } from 'vitest'
import { clusterStatusCells } from './cells.ts'
import { view } from './fixtures.ts'

const sfm = (detector: number, depth = 0) =>
  `SFM_WORKER-LSSTCam-${String(depth).padStart(3, '0')}-${String(detector).padStart(3, '0')}`

describe('clusterStatusCells', () => {
  it('draws each worker as today’s cluster manager does, byte for byte', () => {
    const cells = clusterStatusCells([
      view(sfm(95), { busy: true, queueLength: 3 }),
      view(sfm(94)),
      view(sfm(96), { busy: true }),
      view(sfm(97), { busy: true, secondary: 'GUEST' }),
      view(sfm(98), { busy: true, secondary: 'RESTARTING' }),
      view(sfm(99), { alive: false, busy: true, queueLength: 2 }),
      view(sfm(100), { queueLength: 4 }),
    ])
    expect(encodeClusterStatus(cells.SFM_SET_0)).toBe(
      '{"94": {"status": "free", "type": "worker_status"}, "95": {"status": "3", "type": "worker_status"}, ' +
        '"96": {"status": "busy", "type": "worker_status"}, "97": {"status": "guest", "type": "worker_status"}, ' +
        '"98": {"status": "restarting", "type": "worker_status"}, "99": {"status": "missing", "type": "worker_status"}, ' +
        '"100": {"status": "free", "type": "worker_status"}}',
    )
    expect(encodeClusterStatus(cells.SFM_SET_1)).toBe('{}')
  })

  it('puts each flavour in its set, keyed by detector or depth, and ignores secondary status where today does', () => {
    const cells = clusterStatusCells([
      view(sfm(94, 1), { busy: true }),
      view('AOS_WORKER-LSSTCam-002-191'),
      view('STEP1B_WORKER-LSSTCam-003', { busy: true, secondary: 'GUEST' }),
      view('STEP1B_AOS_WORKER-LSSTCam-000'),
      view('BACKLOG_WORKER-LSSTCam-001', { alive: false }),
      view('HEAD_NODE-LSSTCam'),
      view(sfm(94, 2)),
    ])
    expect(encodeClusterStatus(cells.SFM_SET_1)).toBe('{"94": {"status": "busy", "type": "worker_status"}}')
    expect(encodeClusterStatus(cells.AOS_SET_2)).toBe('{"191": {"status": "free", "type": "worker_status"}}')
    expect(encodeClusterStatus(cells.SFM_STEP1B_SET_0)).toBe('{"3": {"status": "busy", "type": "worker_status"}}')
    expect(encodeClusterStatus(cells.AOS_STEP1B_SET_0)).toBe('{"0": {"status": "free", "type": "worker_status"}}')
    expect(encodeClusterStatus(cells.SPAREWORKERS_SET_0)).toBe('{"1": {"status": "missing", "type": "worker_status"}}')
    expect(encodeClusterStatus(cells.SFM_SET_0)).toBe('{}')
  })

  it('sums OTHER_QUEUES per flavour, in name order, leaving out empty totals', () => {
    const cells = clusterStatusCells([
      view('PSF_PLOTTER-LSSTCam-000', { queueLength: 11 }),
      view('MOSAIC_WORKER-LSSTCam-000', { queueLength: 1 }),
      view('MOSAIC_WORKER-LSSTCam-001', { queueLength: 1, alive: false }),
      view('GUIDER_WORKER-LSSTCam-000'),
    ])
    expect(encodeClusterStatus(cells.OTHER_QUEUES)).toBe(
      '{"MOSAIC_WORKER": {"status": "2", "type": "text_status"}, "PSF_PLOTTER": {"status": "11", "type": "text_status"}}',
    )
  })

  it('writes only entries the contract accepts', () => {
    const cells = clusterStatusCells([
      view(sfm(1), { busy: true, queueLength: 7 }),
      view('MOSAIC_WORKER-LSSTCam-000', { queueLength: 2 }),
    ])
    for (const set of Object.values(cells)) {
      expect(validate('ClusterStatusEntry', JSON.parse(encodeClusterStatus(set))).ok).toBe(true)
    }
  })
})
