// ----------------------------------------------------------------------------
// One read of the cluster for ./ra status, all through the contract: the
// workers registry with heartbeats, queue lengths, controls in effect, the
// newest cluster-status entry per set, and dead letters.
// ----------------------------------------------------------------------------
import {
  type ClusterStatusCells,
  ClusterStatusSet,
  type ControlName,
  type DeadLetter,
  decodeClusterStatus,
  formatIssues,
  type Instrument,
  parseWorkerId,
  type WorkerFlavour,
} from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { type RedisHandle, toEntries } from '@rubin/ra-runtime'
import { readControlState } from '../control/read.ts'

export interface WorkerRow {
  readonly workerId: string
  readonly flavour: WorkerFlavour
  readonly alive: boolean
  /** From the heartbeat; 'missing' when there is none. */
  readonly state: 'free' | 'busy' | 'missing'
  readonly secondary: string
  readonly currentPayloadId?: string
  readonly queued: number
  readonly claimed: number
}

export interface FlavourSummary {
  readonly total: number
  readonly alive: number
  readonly missing: number
  readonly busy: number
  /** Worker queues and claimed lists of this flavour, summed. */
  readonly queued: number
  readonly claimed: number
  readonly busyWorkers: readonly string[]
}

export interface StatusReport {
  readonly instrument: Instrument
  readonly at: string
  readonly workers: readonly WorkerRow[]
  readonly flavours: Partial<Record<WorkerFlavour, FlavourSummary>>
  readonly queues: { readonly incoming: number; readonly incomingClaimed: number }
  readonly controls: Partial<Record<ControlName, string>>
  readonly clusterStatus: Partial<Record<ClusterStatusSet, ClusterStatusEntryView>>
  readonly deadLetters: { readonly count: number; readonly last: readonly DeadLetterView[] }
  /** Things read that the contract refused, so nothing is silently hidden. */
  readonly problems: readonly string[]
}

export interface ClusterStatusEntryView {
  readonly id: string
  readonly cells?: ClusterStatusCells
  readonly error?: string
}

export type DeadLetterView = Pick<DeadLetter, 'service' | 'code' | 'reason'> & { readonly id: string; at?: string }

type Registered = { readonly id: string; readonly flavour: WorkerFlavour }

async function readRegistry(redis: RedisHandle, instrument: Instrument, problems: string[]): Promise<Registered[]> {
  const key = redis.keys.key('workers', { instrument })
  const ids = await redis.client.zrange(key, '0', '-1')
  const out: Registered[] = []
  for (const id of ids) {
    const parsed = parseWorkerId(id)
    if (parsed.ok && parsed.value.instrument === instrument) out.push({ id, flavour: parsed.value.flavour })
    else problems.push(`${key}: '${id}' is not a worker id of ${instrument}`)
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

async function readWorkers(redis: RedisHandle, registered: readonly Registered[], problems: string[]) {
  if (registered.length === 0) return []
  const { keys } = redis
  const pipeline = redis.client.pipeline()
  pipeline.mget(...registered.map((w) => keys.key('workerHeartbeat', { workerId: w.id })))
  for (const w of registered) {
    pipeline.llen(keys.key('workerQueue', { workerId: w.id }))
    pipeline.llen(keys.key('workerClaimed', { workerId: w.id }))
  }
  const reply = (await pipeline.exec()) ?? []
  const at = (i: number) => {
    const [error, value] = reply[i] ?? [new Error('no reply'), undefined]
    if (error) throw error
    return value
  }
  const heartbeats = at(0) as (string | null)[]
  return registered.map((w, i): WorkerRow => {
    const counts = { queued: Number(at(1 + 2 * i)), claimed: Number(at(2 + 2 * i)) }
    const text = heartbeats[i]
    if (text === null || text === undefined) {
      return { workerId: w.id, flavour: w.flavour, alive: false, state: 'missing', secondary: '', ...counts }
    }
    const report = parseMessage('WorkerStatusReport', text)
    if (!report.ok) {
      problems.push(`heartbeat of ${w.id}: ${formatIssues(report.issues)}`)
      return { workerId: w.id, flavour: w.flavour, alive: true, state: 'busy', secondary: '', ...counts }
    }
    const { state, secondary, currentPayloadId } = report.value
    return {
      workerId: w.id,
      flavour: w.flavour,
      alive: true,
      state,
      secondary,
      ...(currentPayloadId === undefined ? {} : { currentPayloadId }),
      ...counts,
    }
  })
}

function summarise(workers: readonly WorkerRow[]): Partial<Record<WorkerFlavour, FlavourSummary>> {
  const out: Partial<Record<WorkerFlavour, FlavourSummary>> = {}
  for (const w of workers) {
    const s = out[w.flavour] ?? { total: 0, alive: 0, missing: 0, busy: 0, queued: 0, claimed: 0, busyWorkers: [] }
    const busy = w.state === 'busy'
    out[w.flavour] = {
      total: s.total + 1,
      alive: s.alive + (w.alive ? 1 : 0),
      missing: s.missing + (w.alive ? 0 : 1),
      busy: s.busy + (busy ? 1 : 0),
      queued: s.queued + w.queued,
      claimed: s.claimed + w.claimed,
      busyWorkers: busy ? [...s.busyWorkers, w.workerId] : s.busyWorkers,
    }
  }
  return out
}

async function readClusterStatus(redis: RedisHandle) {
  const out: Partial<Record<ClusterStatusSet, ClusterStatusEntryView>> = {}
  for (const set of ClusterStatusSet.values) {
    const [newest] = toEntries(
      await redis.client.xrevrange(redis.keys.key('clusterStatus', { set }), '+', '-', 'COUNT', 1),
    )
    if (newest === undefined) continue
    const cells = decodeClusterStatus(newest.data)
    out[set] = cells.ok ? { id: newest.id, cells: cells.value } : { id: newest.id, error: formatIssues(cells.issues) }
  }
  return out
}

async function readDeadLetters(redis: RedisHandle, last: number) {
  const key = redis.keys.key('deadLetters')
  const count = await redis.client.xlen(key)
  const entries = toEntries(await redis.client.xrevrange(key, '+', '-', 'COUNT', last))
  const views = entries.map((entry): DeadLetterView => {
    const letter = entry.data === undefined ? undefined : parseMessage('DeadLetter', entry.data)
    if (letter?.ok) {
      const { service, code, reason, at } = letter.value
      return { id: entry.id, service, code, reason, at }
    }
    const why = letter === undefined ? 'no data field' : formatIssues(letter.issues)
    return { id: entry.id, service: 'ra-cli', code: 'RA_DEAD_LETTER_UNREADABLE', reason: why }
  })
  return { count, last: views }
}

export async function readStatus(redis: RedisHandle, instrument: Instrument): Promise<StatusReport> {
  const problems: string[] = []
  const registered = await readRegistry(redis, instrument, problems)
  const workers = await readWorkers(redis, registered, problems)
  const [incoming, incomingClaimed] = await Promise.all([
    redis.client.llen(redis.keys.key('incoming', { instrument })),
    redis.client.llen(redis.keys.key('incomingClaimed', { instrument })),
  ])
  const state = await readControlState(redis, instrument)
  if (state.problems !== '') problems.push(`control state: ${state.problems}`)
  return {
    instrument,
    at: new Date().toISOString(),
    workers,
    flavours: summarise(workers),
    queues: { incoming, incomingClaimed },
    controls: state.controls,
    clusterStatus: await readClusterStatus(redis),
    deadLetters: await readDeadLetters(redis, 5),
    problems,
  }
}
