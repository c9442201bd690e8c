// Worker views and snapshots for unit tests: a worker id plus the few fields a test cares about.
import { clusterStatusSetOf, parseWorkerId } from '@rubin/ra-contract'
import type { ClusterSnapshot, WorkerView } from './snapshot.ts'

export function view(id: string, fields: Partial<WorkerView> = {}): WorkerView {
  const parsed = parseWorkerId(id)
  if (!parsed.ok) throw new Error(`bad worker id in a test: ${id}`)
  const set = clusterStatusSetOf(parsed.value)
  return {
    id,
    ...parsed.value,
    ...(set === undefined ? {} : { set }),
    lastSeenMs: 1_000,
    alive: true,
    secondary: '',
    busy: false,
    queueLength: 0,
    claimedLength: 0,
    ...fields,
  }
}

export function snapshot(workers: WorkerView[], fields: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return { at: 10_000, workers, ignoredDetectors: new Set(), deadLetters: 0, ...fields }
}
