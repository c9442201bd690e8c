// ----------------------------------------------------------------------------
// Rebalancing (today's §7.6): while an SFM worker's queue holds more than one
// payload and a spare worker is free, move the OLDEST payload (right end) of
// that queue to the spare worker, atomically. Spare = a backlog worker, or an
// SFM worker with nothing of its own to do (its detector is left out by the
// chip selection, or is not an imaging detector). Longest queues are served
// first, one payload per queue per round; a target that took this detector
// before is preferred (its caches are warm). Restart payloads are never moved,
// and nothing is moved in WAITING mode (backlog is never worked on there).
// ----------------------------------------------------------------------------
import { detectorById, type Instrument } from '@rubin/ra-contract'
import { Counter, type Logger, type RedisHandle, type Registry } from '@rubin/ra-runtime'
import { rebalanceScript } from './lua.ts'
import type { ClusterSnapshot, WorkerView } from './snapshot.ts'

/** How far from the oldest end the script looks for a movable (non-restart) payload. */
const SCAN_LIMIT = 50

const isFree = (w: WorkerView) => w.alive && !w.busy && w.queueLength === 0 && w.claimedLength === 0

/** SFM workers with nothing of their own to do: a deselected detector, or one that is not imaging. */
export function isRecruitable(worker: WorkerView, snapshot: ClusterSnapshot, instrument: Instrument): boolean {
  if (worker.flavour !== 'SFM_WORKER' || worker.detector === undefined) return false
  if (snapshot.ignoredDetectors.has(worker.detector)) return true
  return detectorById(instrument, worker.detector)?.purpose !== 'imaging'
}

export function rebalanceTargets(snapshot: ClusterSnapshot, instrument: Instrument): WorkerView[] {
  return snapshot.workers.filter(
    (w) => isFree(w) && (w.flavour === 'BACKLOG_WORKER' || isRecruitable(w, snapshot, instrument)),
  )
}

export function rebalanceSources(snapshot: ClusterSnapshot): WorkerView[] {
  return snapshot.workers
    .filter((w) => w.flavour === 'SFM_WORKER' && w.detector !== undefined && w.queueLength > 1)
    .sort((a, b) => b.queueLength - a.queueLength || (a.id < b.id ? -1 : 1))
}

/** Prefer a target that took this detector before, then one that took none yet, then any. */
export function pickTarget(
  detector: number,
  targets: readonly WorkerView[],
  affinity: ReadonlyMap<string, ReadonlySet<number>>,
): WorkerView | undefined {
  return (
    targets.find((t) => affinity.get(t.id)?.has(detector)) ??
    targets.find((t) => (affinity.get(t.id)?.size ?? 0) === 0) ??
    targets[0]
  )
}

export interface RebalanceRecord {
  readonly at: string
  readonly from: string
  readonly to: string
  readonly detector: number
  readonly payloadId?: string
}

export interface Rebalancer {
  run(snapshot: ClusterSnapshot): Promise<RebalanceRecord[]>
  recent(): readonly RebalanceRecord[]
  total(): number
}

const RECENT = 50

export function createRebalancer(options: {
  redis: RedisHandle
  instrument: Instrument
  logger: Logger
  metrics: Registry
}): Rebalancer {
  const { redis, instrument, logger } = options
  const { keys } = redis
  const rebalanced = new Counter({
    name: 'ra_cluster_rebalanced_total',
    help: 'Payloads moved from a long SFM queue to a free backlog or recruited worker',
    registers: [options.metrics],
  })
  const affinity = new Map<string, Set<number>>()
  const recent: RebalanceRecord[] = []
  let total = 0

  async function move(source: WorkerView, target: WorkerView) {
    const guest = target.flavour === 'BACKLOG_WORKER' || target.detector === source.detector ? '' : 'GUEST'
    const reply = (await rebalanceScript.run(
      redis.client,
      [
        keys.key('workerQueue', { workerId: source.id }),
        keys.key('workerQueue', { workerId: target.id }),
        keys.key('workerClaimed', { workerId: target.id }),
        keys.key('workerHeartbeat', { workerId: target.id }),
      ],
      [2, guest, SCAN_LIMIT],
    )) as [string, string?]
    return { outcome: reply[0], payload: reply[1] }
  }

  return {
    async run(snapshot) {
      if (snapshot.workerMode === 'WAITING') return []
      const targets = rebalanceTargets(snapshot, instrument)
      const sources = rebalanceSources(snapshot)
      const remaining = new Map(sources.map((s) => [s.id, s.queueLength]))
      const records: RebalanceRecord[] = []
      let progress = true
      while (progress && targets.length > 0) {
        progress = false
        for (const source of sources) {
          const detector = source.detector ?? -1
          if ((remaining.get(source.id) ?? 0) <= 1) continue
          const target = pickTarget(detector, targets, affinity)
          if (target === undefined) break
          const { outcome, payload } = await move(source, target)
          if (outcome !== 'short' && outcome !== 'nothing') targets.splice(targets.indexOf(target), 1)
          if (outcome !== 'moved') {
            if (outcome === 'short' || outcome === 'nothing') remaining.set(source.id, 0)
            continue
          }
          progress = true
          remaining.set(source.id, (remaining.get(source.id) ?? 0) - 1)
          affinity.set(target.id, new Set([...(affinity.get(target.id) ?? []), detector]))
          let payloadId: string | undefined
          try {
            payloadId = (JSON.parse(payload ?? '') as { payloadId?: string }).payloadId
          } catch {}
          const record = {
            at: new Date().toISOString(),
            from: source.id,
            to: target.id,
            detector,
            ...(payloadId === undefined ? {} : { payloadId }),
          }
          records.push(record)
          rebalanced.inc()
          total++
          logger.info(record, 'oldest payload of a long queue moved to a free worker')
          if (targets.length === 0) break
        }
      }
      recent.push(...records)
      recent.splice(0, Math.max(0, recent.length - RECENT))
      return records
    },
    recent: () => recent,
    total: () => total,
  }
}
