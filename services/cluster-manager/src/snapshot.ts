// ----------------------------------------------------------------------------
// One look at the cluster, in one pipelined round trip: the worker registry,
// every heartbeat and secondary status (MGET), every queue and claimed-list
// length (LLEN), the detectors the chip selection leaves out, the worker mode
// in effect and the dead-letter count. Everything the loop decides is decided
// from this snapshot; every move it makes re-checks its premise in Lua.
// ----------------------------------------------------------------------------
import {
  type ClusterStatusSet,
  clusterStatusSetOf,
  formatIssues,
  type Instrument,
  parseControlValue,
  parseWorkerId,
  SecondaryStatus,
  type WorkerFlavour,
  type WorkerMode,
  type WorkerStatusReport,
} from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import type { RedisHandle } from '@rubin/ra-runtime'

export interface WorkerView {
  readonly id: string
  readonly flavour: WorkerFlavour
  readonly depth?: number
  readonly detector?: number
  /** The cluster-status set it is drawn in, if any. */
  readonly set?: ClusterStatusSet
  /** The registry score: when the worker last recorded a heartbeat (ms since the epoch). */
  readonly lastSeenMs: number
  /** Its heartbeat key exists. */
  readonly alive: boolean
  readonly report?: WorkerStatusReport
  readonly secondary: SecondaryStatus
  /** A payload is claimed (or the heartbeat says busy). */
  readonly busy: boolean
  readonly queueLength: number
  readonly claimedLength: number
}

export interface ClusterSnapshot {
  readonly at: number
  readonly workers: readonly WorkerView[]
  readonly ignoredDetectors: ReadonlySet<number>
  readonly workerMode?: WorkerMode
  readonly deadLetters: number
}

/** Something in Redis that does not follow the contract (reported once per subject by the caller). */
export interface SnapshotProblem {
  readonly subject: string
  readonly source: string
  readonly code: string
  readonly reason: string
  readonly input: string
}

type Reply = [error: Error | null, value: unknown][]

function value<T>(reply: Reply, index: number): T {
  const [error, result] = reply[index] ?? [new Error('missing reply'), undefined]
  if (error) throw error
  return result as T
}

interface Registered {
  readonly id: string
  readonly lastSeenMs: number
  readonly flavour: WorkerFlavour
  readonly depth?: number
  readonly detector?: number
}

async function readRegistry(
  redis: RedisHandle,
  instrument: Instrument,
  problems: SnapshotProblem[],
): Promise<Registered[]> {
  const key = redis.keys.key('workers', { instrument })
  // ioredis answers in the RESP2 shape: member, score, member, score…
  const flat = (await redis.client.zrange(key, 0, '-1', 'WITHSCORES')) as unknown as string[]
  const registered: Registered[] = []
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const id = flat[i] ?? ''
    const parsed = parseWorkerId(id)
    if (!parsed.ok || parsed.value.instrument !== instrument) {
      const why = parsed.ok ? `it belongs to ${parsed.value.instrument}` : formatIssues(parsed.issues)
      problems.push({ subject: `id:${id}`, source: key, code: 'RA_WORKER_ID_INVALID', reason: why, input: id })
      continue
    }
    registered.push({ id, lastSeenMs: Number(flat[i + 1]), ...parsed.value })
  }
  // Registry order is by score; a stable order by id keeps /status and decisions reproducible.
  return registered.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export async function readSnapshot(
  redis: RedisHandle,
  instrument: Instrument,
): Promise<{
  snapshot: ClusterSnapshot
  problems: SnapshotProblem[]
}> {
  const problems: SnapshotProblem[] = []
  const registered = await readRegistry(redis, instrument, problems)
  const { keys } = redis
  const pipeline = redis.client.pipeline()
  if (registered.length > 0) {
    pipeline.mget(...registered.map((w) => keys.key('workerHeartbeat', { workerId: w.id })))
    pipeline.mget(...registered.map((w) => keys.key('workerSecondaryStatus', { workerId: w.id })))
  }
  for (const w of registered) {
    pipeline.llen(keys.key('workerQueue', { workerId: w.id }))
    pipeline.llen(keys.key('workerClaimed', { workerId: w.id }))
  }
  pipeline.smembers(keys.key('ignoredDetectors', { instrument }))
  pipeline.hget(keys.key('controlState', { instrument }), 'WORKER_MODE')
  pipeline.xlen(keys.key('deadLetters'))
  const reply = ((await pipeline.exec()) ?? []) as Reply
  let at = 0
  const heartbeats = registered.length > 0 ? value<(string | null)[]>(reply, at++) : []
  const secondaries = registered.length > 0 ? value<(string | null)[]>(reply, at++) : []
  // A list key holding something else (WRONGTYPE) must not stop every pass: count it as empty, report it.
  const length = (index: number, source: string): number => {
    const [error, result] = reply[index] ?? [null, 0]
    if (!error) return Number(result)
    problems.push({
      subject: `type:${source}`,
      source,
      code: 'RA_REDIS_KEY_WRONG_TYPE',
      reason: error.message,
      input: '',
    })
    return 0
  }
  const workers = registered.map((w, i): WorkerView => {
    const queueLength = length(at++, keys.key('workerQueue', { workerId: w.id }))
    const claimedLength = length(at++, keys.key('workerClaimed', { workerId: w.id }))
    const heartbeat = heartbeats[i] ?? null
    let report: WorkerStatusReport | undefined
    if (heartbeat !== null) {
      const parsed = parseMessage('WorkerStatusReport', heartbeat)
      if (parsed.ok) report = parsed.value as WorkerStatusReport
      else {
        problems.push({
          subject: `heartbeat:${w.id}`,
          source: keys.key('workerHeartbeat', { workerId: w.id }),
          code: 'RA_HEARTBEAT_INVALID',
          reason: `not a WorkerStatusReport (the worker still counts as alive): ${formatIssues(parsed.issues)}`,
          input: heartbeat,
        })
      }
    }
    const stored = secondaries[i]
    const secondary: SecondaryStatus = SecondaryStatus.is(stored) ? stored : (report?.secondary ?? '')
    const set = clusterStatusSetOf(w)
    return {
      ...w,
      ...(set === undefined ? {} : { set }),
      alive: heartbeat !== null,
      ...(report === undefined ? {} : { report }),
      secondary,
      busy: claimedLength > 0 || report?.state === 'busy',
      queueLength,
      claimedLength,
    }
  })
  const ignored = value<string[]>(reply, at++)
  const mode = parseControlValue('WORKER_MODE', value<string | null>(reply, at++) ?? undefined)
  const deadLetters = value<number>(reply, at++)
  return {
    snapshot: {
      at: Date.now(),
      workers,
      ignoredDetectors: new Set(ignored.map(Number).filter((n) => Number.isInteger(n))),
      ...(mode.ok ? { workerMode: mode.value as WorkerMode } : {}),
      deadLetters,
    },
    problems,
  }
}
