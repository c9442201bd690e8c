// ----------------------------------------------------------------------------
// Dead-worker recovery: a registered worker whose heartbeat key is gone has its
// claimed payloads moved back, one Lua script per payload. Each script first
// checks the heartbeat is still absent (a worker that restarted and heartbeats
// owns its claimed list again), then moves the payload to the queue of a live
// worker for the same detector (any depth), else a free backlog worker, else
// the dead worker's own queue, where it runs when the worker is back.
// ----------------------------------------------------------------------------
import {
  formatIssues,
  type ProcessPayload,
  type Who,
  WORKER_FLAVOUR_SHAPE,
  type WorkerFlavour,
} from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { Counter, type DeadLetters, type Logger, type RedisHandle, type Registry } from '@rubin/ra-runtime'
import { requeueScript } from './lua.ts'
import type { ClusterSnapshot, WorkerView } from './snapshot.ts'

export type TargetKind = 'same-detector' | 'same-flavour' | 'backlog' | 'own'

export interface RequeueTarget {
  readonly kind: TargetKind
  readonly worker: WorkerView
}

/** Which per-detector flavour owns a step1a payload of each branch (when the dead worker was a backlog worker). */
const OWNER_FLAVOUR: Partial<Record<Who, WorkerFlavour>> = { SFM: 'SFM_WORKER', ISR: 'SFM_WORKER', AOS: 'AOS_WORKER' }

const isFree = (w: WorkerView, planned: ReadonlyMap<string, number>) =>
  w.alive && !w.busy && w.queueLength + (planned.get(w.id) ?? 0) === 0

/** Least loaded first (free, then shortest queue), then lowest depth. */
function leastLoaded(candidates: readonly WorkerView[], planned: ReadonlyMap<string, number>): WorkerView | undefined {
  const load = (w: WorkerView) => (w.busy ? 1 : 0) + w.queueLength + (planned.get(w.id) ?? 0)
  return [...candidates].sort((a, b) => load(a) - load(b) || (a.depth ?? 0) - (b.depth ?? 0))[0]
}

export function chooseRequeueTarget(
  dead: WorkerView,
  payload: ProcessPayload,
  workers: readonly WorkerView[],
  planned: ReadonlyMap<string, number> = new Map(),
): RequeueTarget {
  const live = workers.filter((w) => w.alive && w.id !== dead.id)
  const detector = payload.dataIds[0]?.detector
  if (payload.step === 'step1a' && detector !== undefined) {
    const owner = WORKER_FLAVOUR_SHAPE[dead.flavour] === 'perDetector' ? dead.flavour : OWNER_FLAVOUR[payload.who]
    const same = leastLoaded(
      live.filter((w) => w.flavour === owner && w.detector === detector),
      planned,
    )
    if (same) return { kind: 'same-detector', worker: same }
    const backlog = leastLoaded(
      live.filter((w) => w.flavour === 'BACKLOG_WORKER' && isFree(w, planned)),
      planned,
    )
    if (backlog) return { kind: 'backlog', worker: backlog }
  } else if (WORKER_FLAVOUR_SHAPE[dead.flavour] !== 'singleton') {
    // Per-instrument work (step1b, one-offs, mosaics): any live worker of the same flavour can run it.
    const same = leastLoaded(
      live.filter((w) => w.flavour === dead.flavour),
      planned,
    )
    if (same) return { kind: 'same-flavour', worker: same }
  }
  return { kind: 'own', worker: dead }
}

/** specialMessage for a payload landing on `worker`: GUEST on a non-backlog worker that does not own the detector. */
export function specialMessageAt(worker: WorkerView, payload: ProcessPayload): string {
  const detector = payload.dataIds[0]?.detector
  if (worker.flavour === 'BACKLOG_WORKER') return ''
  if (detector === undefined || worker.detector === undefined) return '='
  return worker.detector === detector ? '' : 'GUEST'
}

export interface RequeueRecord {
  readonly at: string
  readonly from: string
  readonly to: string
  readonly payloadId?: string
  readonly outcome: 'target' | 'own' | 'dropped'
  readonly target: TargetKind | 'none'
  /** Time since the dead worker's heartbeat was last refreshed (registry score), ms. */
  readonly silentForMs: number
}

export interface Recovery {
  /** Re-queues the claimed payloads of every dead worker in the snapshot. */
  run(snapshot: ClusterSnapshot): Promise<RequeueRecord[]>
  recent(): readonly RequeueRecord[]
  total(): number
}

const RECENT = 50

export function createRecovery(options: {
  redis: RedisHandle
  logger: Logger
  metrics: Registry
  deadLetters: DeadLetters
}): Recovery {
  const { redis, logger, deadLetters } = options
  const { keys } = redis
  const requeued = new Counter({
    name: 'ra_cluster_requeued_total',
    help: 'Payloads moved back from dead workers’ claimed lists, by where they went',
    labelNames: ['target'],
    registers: [options.metrics],
  })
  const recent: RequeueRecord[] = []
  let total = 0

  async function recoverWorker(dead: WorkerView, snapshot: ClusterSnapshot, planned: Map<string, number>) {
    const claimedKey = keys.key('workerClaimed', { workerId: dead.id })
    const ownQueue = keys.key('workerQueue', { workerId: dead.id })
    const heartbeat = keys.key('workerHeartbeat', { workerId: dead.id })
    const records: RequeueRecord[] = []
    const silentForMs = dead.lastSeenMs > 0 ? snapshot.at - dead.lastSeenMs : -1
    // Right to left: pushing each on top leaves the earliest-claimed payload on top, to run first.
    const claimed = (await redis.client.lrange(claimedKey, 0, -1)).reverse()
    for (const text of claimed) {
      const parsed = parseMessage('Payload', text)
      const payload = parsed.ok && parsed.value.kind === 'process' ? (parsed.value as ProcessPayload) : undefined
      const target = payload ? chooseRequeueTarget(dead, payload, snapshot.workers, planned) : undefined
      const worker = target?.worker ?? dead
      const targetQueue = keys.key('workerQueue', { workerId: worker.id })
      const targetHeartbeat = keys.key('workerHeartbeat', { workerId: worker.id })
      const reply = await requeueScript.run(
        redis.client,
        [heartbeat, claimedKey, targetQueue, targetHeartbeat, ownQueue],
        [
          text,
          payload ? 'move' : 'drop',
          payload ? specialMessageAt(worker, payload) : '=',
          payload ? specialMessageAt(dead, payload) : '=',
          payload ? '1' : '0',
        ],
      )
      if (reply === 'alive') {
        logger.info({ worker: dead.id }, 'worker heartbeats again before its claimed payloads were moved: left to it')
        break
      }
      if (reply === 'gone') continue
      if (reply === 'dropped') {
        if (!parsed.ok) {
          await deadLetters({
            source: claimedKey,
            code: 'RA_PAYLOAD_INVALID',
            reason: `claimed by dead worker ${dead.id} but not a Payload: ${formatIssues(parsed.issues)}`,
            input: text,
          })
        } else {
          logger.info({ worker: dead.id, silentForMs }, 'restart payload of a dead worker dropped: it is restarting')
        }
      }
      const outcome = reply === 'target' || reply === 'own' ? reply : 'dropped'
      const to = outcome === 'target' ? worker.id : outcome === 'own' ? dead.id : '-'
      if (outcome !== 'dropped') planned.set(to, (planned.get(to) ?? 0) + 1)
      const record: RequeueRecord = {
        at: new Date().toISOString(),
        from: dead.id,
        to,
        ...(payload ? { payloadId: payload.payloadId } : {}),
        outcome,
        target: outcome === 'own' ? 'own' : outcome === 'target' ? (target?.kind ?? 'own') : 'none',
        silentForMs,
      }
      if (outcome !== 'dropped') {
        requeued.inc({ target: record.target })
        total++
        logger.warn(
          { from: dead.id, to, payloadId: record.payloadId, target: record.target, silentForMs },
          'payload of a dead worker re-queued',
        )
      }
      records.push(record)
    }
    return records
  }

  return {
    async run(snapshot) {
      const planned = new Map<string, number>()
      const records: RequeueRecord[] = []
      for (const worker of snapshot.workers) {
        if (worker.alive || worker.claimedLength === 0 || worker.flavour === 'HEAD_NODE') continue
        records.push(...(await recoverWorker(worker, snapshot, planned)))
      }
      recent.push(...records)
      recent.splice(0, Math.max(0, recent.length - RECENT))
      return records
    },
    recent: () => recent,
    total: () => total,
  }
}
