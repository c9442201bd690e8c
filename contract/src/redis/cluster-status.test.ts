// Cluster-status streams: names as RubinTV configures them, and today's exact `data` JSON.
import { Value } from '@sinclair/typebox/value'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ClusterStatusEntry } from '../messages/cluster-status.ts'
import {
  type ClusterStatusCell,
  type ClusterStatusCells,
  clusterStatusStreamKey,
  clusterStatusView,
  decodeClusterStatus,
  encodeClusterStatus,
  queueTotalCell,
  rubintvRedisDetectorKey,
  workerStatusCell,
} from './cluster-status.ts'
import {
  CLUSTER_STATUS_SETS,
  ClusterStatusSet,
  clusterStatusCellId,
  clusterStatusSetOf,
} from './cluster-status-sets.ts'

/** RubinTV's models_data.yaml `redis_detectors`, as of the reference snapshot (without its test_stream). */
const RUBINTV_REDIS_DETECTORS = [
  ['CLUSTER_STATUS_SFM_SET_0', 'sfmSet0'],
  ['CLUSTER_STATUS_SFM_SET_1', 'sfmSet1'],
  ['CLUSTER_STATUS_AOS_SET_0', 'aosSet0'],
  ['CLUSTER_STATUS_AOS_SET_1', 'aosSet1'],
  ['CLUSTER_STATUS_AOS_SET_2', 'aosSet2'],
  ['CLUSTER_STATUS_AOS_SET_3', 'aosSet3'],
  ['CLUSTER_STATUS_SFM_STEP1B_SET_0', 'sfmStep1b'],
  ['CLUSTER_STATUS_AOS_STEP1B_SET_0', 'aosStep1b'],
  ['CLUSTER_STATUS_SPAREWORKERS_SET_0', 'spareWorkers'],
  ['CLUSTER_STATUS_OTHER_QUEUES', 'otherQueues'],
]

describe('cluster-status sets', () => {
  it('are exactly the sets RubinTV reads, with its display names', () => {
    expect(
      ClusterStatusSet.values.map((s) => [rubintvRedisDetectorKey(s), CLUSTER_STATUS_SETS[s].rubintvName]),
    ).toEqual(RUBINTV_REDIS_DETECTORS)
    expect(clusterStatusStreamKey('SFM_SET_0')).toBe('stream:CLUSTER_STATUS_SFM_SET_0')
    expect(clusterStatusStreamKey('OTHER_QUEUES', 'test-1:')).toBe('test-1:stream:CLUSTER_STATUS_OTHER_QUEUES')
  })

  it('place each worker in the set and cell today’s cluster manager uses', () => {
    expect(clusterStatusSetOf({ flavour: 'SFM_WORKER', depth: 1, detector: 94 })).toBe('SFM_SET_1')
    expect(clusterStatusCellId({ flavour: 'SFM_WORKER', depth: 1, detector: 94 })).toBe('94')
    expect(clusterStatusSetOf({ flavour: 'AOS_WORKER', depth: 3, detector: 204 })).toBe('AOS_SET_3')
    expect(clusterStatusSetOf({ flavour: 'SFM_WORKER', depth: 2, detector: 94 })).toBeUndefined()
    expect(clusterStatusSetOf({ flavour: 'STEP1B_AOS_WORKER', depth: 5 })).toBe('AOS_STEP1B_SET_0')
    expect(clusterStatusCellId({ flavour: 'BACKLOG_WORKER', depth: 3 })).toBe('3')
    expect(clusterStatusSetOf({ flavour: 'BACKLOG_WORKER', depth: 3 })).toBe('SPAREWORKERS_SET_0')
    expect(clusterStatusCellId({ flavour: 'MOSAIC_WORKER', depth: 0 })).toBe('MOSAIC_WORKER')
    expect(clusterStatusSetOf({ flavour: 'HEAD_NODE' })).toBeUndefined()
    expect(CLUSTER_STATUS_SETS.OTHER_QUEUES.resettable).toBe(false)
  })
})

describe('encodeClusterStatus', () => {
  it('writes exactly what today’s RA writes (Python json.dumps spacing and key order)', () => {
    expect(encodeClusterStatus({ '94': { type: 'worker_status', status: 'free' } })).toBe(
      '{"94": {"status": "free", "type": "worker_status"}}',
    )
    expect(
      encodeClusterStatus({
        '95': { type: 'worker_status', status: 'queued', queueLength: 3 },
        '0': { type: 'worker_status', status: 'busy' },
        '96': { type: 'worker_status', status: 'guest' },
      }),
    ).toBe(
      '{"0": {"status": "busy", "type": "worker_status"}, "95": {"status": "3", "type": "worker_status"}, ' +
        '"96": {"status": "guest", "type": "worker_status"}}',
    )
    expect(encodeClusterStatus({ MOSAIC_WORKER: queueTotalCell(2), PSF_PLOTTER: queueTotalCell(11) })).toBe(
      '{"MOSAIC_WORKER": {"status": "2", "type": "text_status"}, "PSF_PLOTTER": {"status": "11", "type": "text_status"}}',
    )
    expect(encodeClusterStatus({})).toBe('{}')
    expect(encodeClusterStatus({ é: { type: 'text_status', text: 'ü' } })).toBe(
      '{"\\u00e9": {"status": "\\u00fc", "type": "text_status"}}',
    )
  })

  it('applies today’s status rule', () => {
    const alive = { alive: true, busy: true, queueLength: 0 }
    expect(workerStatusCell('SFM_SET_0', { ...alive, busy: false, queueLength: 4 })).toEqual({
      type: 'worker_status',
      status: 'free',
    })
    expect(workerStatusCell('SFM_SET_0', alive)).toEqual({ type: 'worker_status', status: 'busy' })
    expect(workerStatusCell('SFM_SET_0', { ...alive, queueLength: 3 })).toEqual({
      type: 'worker_status',
      status: 'queued',
      queueLength: 3,
    })
    expect(workerStatusCell('AOS_SET_1', { ...alive, secondaryStatus: 'GUEST' }).type).toBe('worker_status')
    expect(workerStatusCell('AOS_SET_1', { ...alive, busy: false, secondaryStatus: 'RESTARTING' })).toEqual({
      type: 'worker_status',
      status: 'restarting',
    })
    // Step1b sets never showed secondary statuses.
    expect(workerStatusCell('SFM_STEP1B_SET_0', { ...alive, secondaryStatus: 'GUEST' })).toEqual({
      type: 'worker_status',
      status: 'busy',
    })
    expect(workerStatusCell('SFM_SET_0', { ...alive, alive: false })).toEqual({
      type: 'worker_status',
      status: 'missing',
    })
  })

  it('only writes data the ClusterStatusEntry schema accepts', () => {
    const cell: fc.Arbitrary<ClusterStatusCell> = fc.oneof(
      fc.constantFrom('free', 'busy', 'restarting', 'guest', 'missing').map((status) => ({
        type: 'worker_status' as const,
        status,
      })),
      fc
        .integer({ min: 1, max: 500 })
        .map((n) => ({ type: 'worker_status' as const, status: 'queued' as const, queueLength: n })),
      fc.nat({ max: 999 }).map(queueTotalCell),
      fc.nat({ max: 16 }).map((count) => ({ type: 'worker_count' as const, count })),
    )
    const cells = fc.dictionary(
      fc.oneof(fc.nat({ max: 204 }).map(String), fc.constantFrom('MOSAIC_WORKER', 'GUIDER_WORKER')),
      cell,
    )
    fc.assert(
      fc.property(cells, (c) => {
        const data = encodeClusterStatus(c)
        expect(Value.Check(ClusterStatusEntry, JSON.parse(data))).toBe(true)
        expect(decodeClusterStatus(data)).toEqual({ ok: true, value: c })
      }),
    )
  })
})

describe('decodeClusterStatus', () => {
  it('reads today’s strings the way RubinTV does', () => {
    const data =
      '{"0": {"status": "free", "type": "worker_status"}, "1": {"status": "busy", "type": "worker_status"}, ' +
      '"2": {"status": "12", "type": "worker_status"}, "3": {"status": "restarting", "type": "worker_status"}, ' +
      '"4": {"status": "guest", "type": "worker_status"}, "5": {"status": "sleeping", "type": "worker_status"}}'
    const expected: ClusterStatusCells = {
      '0': { type: 'worker_status', status: 'free' },
      '1': { type: 'worker_status', status: 'busy' },
      '2': { type: 'worker_status', status: 'queued', queueLength: 12 },
      '3': { type: 'worker_status', status: 'restarting' },
      '4': { type: 'worker_status', status: 'guest' },
      '5': { type: 'worker_status', status: 'missing' },
    }
    expect(decodeClusterStatus(data)).toEqual({ ok: true, value: expected })
    expect(decodeClusterStatus('{"ONE_OFF_POSTISR_WORKER": {"status": "5", "type": "text_status"}}')).toEqual({
      ok: true,
      value: { ONE_OFF_POSTISR_WORKER: { type: 'text_status', text: '5' } },
    })
  })

  it('accepts the worker_count type RubinTV understands and gives RubinTV’s view', () => {
    const decoded = decodeClusterStatus(
      '{"numWorkers": {"status": "8", "type": "worker_count"}, "0": {"status": "2", "type": "worker_status"}}',
    )
    expect(decoded.ok).toBe(true)
    if (!decoded.ok) return
    expect(clusterStatusView(decoded.value)).toEqual({
      workers: { '0': { status: 'queued', queueLength: 2 } },
      text: {},
      numWorkers: 8,
    })
  })

  it('refuses what is not a cluster-status object, saying where', () => {
    expect(decodeClusterStatus('not json').ok).toBe(false)
    expect(decodeClusterStatus('[1]').ok).toBe(false)
    expect(decodeClusterStatus(42).ok).toBe(false)
    const bad = decodeClusterStatus('{"94": {"status": "free", "type": "worker_state"}, "95": "free"}')
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.issues.map((i) => i.path)).toEqual(['/94/type', '/95'])
    const count = decodeClusterStatus('{"n": {"status": "eight", "type": "worker_count"}}')
    expect(count.ok).toBe(false)
  })
})
