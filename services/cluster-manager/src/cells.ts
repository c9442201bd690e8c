// ----------------------------------------------------------------------------
// From the snapshot to the cells of every cluster-status set, exactly as
// today's cluster manager draws them: one worker cell per registered worker of
// a set (contract workerStatusCell: free, busy, queue length, guest,
// restarting; missing when registered but without a heartbeat), and for
// OTHER_QUEUES one text row per flavour with a non-zero total queued.
// ----------------------------------------------------------------------------
import {
  CLUSTER_STATUS_SETS,
  type ClusterStatusCell,
  type ClusterStatusCells,
  ClusterStatusSet,
  clusterStatusCellId,
  queueTotalCell,
  type WorkerFlavour,
  workerStatusCell,
} from '@rubin/ra-contract'
import type { WorkerView } from './snapshot.ts'

export type ClusterCells = Record<ClusterStatusSet, ClusterStatusCells>

/** A worker's cell in its set, or undefined for workers drawn in no set (HEAD_NODE, deeper SFM depths). */
export function workerCell(worker: WorkerView): ClusterStatusCell | undefined {
  if (worker.set === undefined || CLUSTER_STATUS_SETS[worker.set].coverage.kind === 'flavours') return undefined
  return workerStatusCell(worker.set, {
    alive: worker.alive,
    busy: worker.busy,
    queueLength: worker.queueLength,
    secondaryStatus: worker.secondary,
  })
}

export function clusterStatusCells(workers: readonly WorkerView[]): ClusterCells {
  const cells = Object.fromEntries(ClusterStatusSet.values.map((set) => [set, {}])) as Record<
    ClusterStatusSet,
    Record<string, ClusterStatusCell>
  >
  const totals = new Map<WorkerFlavour, number>()
  for (const worker of workers) {
    if (worker.set === undefined) continue
    const { coverage } = CLUSTER_STATUS_SETS[worker.set]
    if (coverage.kind === 'flavours') {
      totals.set(worker.flavour, (totals.get(worker.flavour) ?? 0) + worker.queueLength)
      continue
    }
    const id = clusterStatusCellId(worker)
    const cell = workerCell(worker)
    if (id !== undefined && cell !== undefined) cells[worker.set][id] = cell
  }
  // Flavour rows in name order (today's pods sort by queue name, which starts with the flavour).
  for (const flavour of [...totals.keys()].sort()) {
    const total = totals.get(flavour) ?? 0
    if (total > 0) cells.OTHER_QUEUES[flavour] = queueTotalCell(total)
  }
  return cells
}
