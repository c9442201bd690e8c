// ----------------------------------------------------------------------------
// Cluster-status stream encoding, byte-compatible with today's RA and RubinTV.
// Each XADD (MAXLEN ~ 2) carries one field, `data`: a JSON object of cell id →
// {"status": S, "type": T}, serialised the way Python's json.dumps does it, so a
// diff against today's streams is empty. Decoding follows RubinTV's
// clusterstatushandler: a numeric status is a queue length, an unknown one is
// 'missing'.
// ----------------------------------------------------------------------------
import type { SecondaryStatus, WorkerStatus } from '../identifiers/workers.ts'
import { fail, type Issue, issue, ok, type Result } from '../result.ts'
import { CLUSTER_STATUS_SETS, type ClusterStatusSet } from './cluster-status-sets.ts'
import { redisKey } from './key-codec.ts'
import { REDIS_KEYS, STREAM_DATA_FIELD } from './keys.ts'

/** The one field of each cluster-status stream entry. */
export const CLUSTER_STATUS_FIELD = STREAM_DATA_FIELD

/** Approximate MAXLEN of each cluster-status stream (RubinTV replays what is retained). */
export const CLUSTER_STATUS_MAXLEN: number = REDIS_KEYS.find((k) => k.name === 'clusterStatus')?.maxLength ?? 2

/** `stream:CLUSTER_STATUS_{SET}`, optionally under a test prefix. */
export function clusterStatusStreamKey(set: ClusterStatusSet, prefix = ''): string {
  // A prefix is prepended verbatim (see createRedisKeys), so no need to compile a prefixed codec here.
  return prefix + redisKey('clusterStatus', { set })
}

/** The key as RubinTV's models_data.yaml `redis_detectors` lists it (it adds `stream:` itself). */
export function rubintvRedisDetectorKey(set: ClusterStatusSet): string {
  return clusterStatusStreamKey(set).replace(/^stream:/, '')
}

/** A cell as RubinTV interprets it. `queued` carries the queue length today's wire writes as the status. */
export type ClusterStatusCell =
  | { readonly type: 'worker_status'; readonly status: Exclude<WorkerStatus, 'queued'> }
  | { readonly type: 'worker_status'; readonly status: 'queued'; readonly queueLength: number }
  | { readonly type: 'text_status'; readonly text: string }
  | { readonly type: 'worker_count'; readonly count: number }

export type ClusterStatusCells = Readonly<Record<string, ClusterStatusCell>>

export interface WorkerCellState {
  /** Heartbeat present. */
  readonly alive: boolean
  /** A payload is claimed. */
  readonly busy: boolean
  /** Payloads waiting in the worker's queue. */
  readonly queueLength: number
  readonly secondaryStatus?: SecondaryStatus
}

/**
 * Today's cluster-manager rule: a secondary status overrides (step1a sets only), else
 * free when not busy even with a queue, else the queue length when > 0, else busy.
 * Dead workers are sent as 'missing', which RubinTV draws grey like an absent cell.
 */
export function workerStatusCell(set: ClusterStatusSet, state: WorkerCellState): ClusterStatusCell {
  if (!state.alive) return { type: 'worker_status', status: 'missing' }
  if (CLUSTER_STATUS_SETS[set].showsSecondaryStatus) {
    if (state.secondaryStatus === 'GUEST') return { type: 'worker_status', status: 'guest' }
    if (state.secondaryStatus === 'RESTARTING') return { type: 'worker_status', status: 'restarting' }
  }
  if (!state.busy) return { type: 'worker_status', status: 'free' }
  if (state.queueLength > 0) return { type: 'worker_status', status: 'queued', queueLength: state.queueLength }
  return { type: 'worker_status', status: 'busy' }
}

/** An OTHER_QUEUES row: the total queued for a flavour (today only non-zero totals are sent). */
export function queueTotalCell(total: number): ClusterStatusCell {
  return { type: 'text_status', text: String(total) }
}

/** json.dumps with ensure_ascii: everything outside printable ASCII becomes \uXXXX. */
function pythonJsonString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function wireStatus(cell: ClusterStatusCell): string {
  switch (cell.type) {
    case 'worker_status':
      if (cell.status !== 'queued') return cell.status
      // Today's rule: a queue length is only shown when positive; otherwise the worker is just busy.
      return cell.queueLength >= 1 ? String(Math.trunc(cell.queueLength)) : 'busy'
    case 'text_status':
      return cell.text
    case 'worker_count':
      return String(Math.max(0, Math.trunc(cell.count)))
  }
}

/**
 * The `data` field value. Integer-like ids come out in ascending order (JavaScript
 * object order), which is also today's order: pods sort by zero-padded queue name.
 */
export function encodeClusterStatus(cells: ClusterStatusCells): string {
  const entries = Object.entries(cells).map(
    ([id, cell]) =>
      `${pythonJsonString(id)}: {"status": ${pythonJsonString(wireStatus(cell))}, "type": ${pythonJsonString(cell.type)}}`,
  )
  return `{${entries.join(', ')}}`
}

const KEPT_STATUSES = new Set<string>(['free', 'busy', 'missing', 'restarting', 'guest'])

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function decodeCell(id: string, raw: unknown): Result<ClusterStatusCell> {
  const path = `/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`
  const expected = '{"status": "<string>", "type": "worker_status" | "text_status" | "worker_count"}'
  if (!isRecord(raw)) return fail(issue(path, `cell '${id}' is not an object`, { expected, received: raw }))
  const { type, status } = raw
  const text = typeof status === 'number' ? String(status) : status
  if (typeof text !== 'string') {
    return fail(issue(`${path}/status`, `cell '${id}' has no string status`, { expected, received: status }))
  }
  const numeric = /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined
  switch (type) {
    case 'worker_status':
      if (numeric !== undefined) return ok({ type, status: 'queued', queueLength: numeric })
      // RubinTV draws anything it does not know as missing (grey); so do we.
      return ok({ type, status: KEPT_STATUSES.has(text) ? (text as Exclude<WorkerStatus, 'queued'>) : 'missing' })
    case 'text_status':
      return ok({ type, text })
    case 'worker_count':
      if (numeric === undefined) {
        return fail(issue(`${path}/status`, `worker_count '${text}' is not a whole number`, { received: status }))
      }
      return ok({ type, count: numeric })
    default:
      return fail(issue(`${path}/type`, `cell '${id}' has unknown type ${JSON.stringify(type)}`, { expected }))
  }
}

/** Decodes a `data` field the way RubinTV does; structural problems are issues, unknown statuses are 'missing'. */
export function decodeClusterStatus(json: unknown): Result<ClusterStatusCells> {
  if (typeof json !== 'string') return fail(issue('', 'cluster-status data must be a JSON string', { received: json }))
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch (error) {
    return fail(issue('', `cluster-status data is not JSON: ${(error as Error).message}`, { received: json }))
  }
  if (!isRecord(parsed)) return fail(issue('', 'cluster-status data must be a JSON object', { received: parsed }))
  const cells: Record<string, ClusterStatusCell> = {}
  const issues: Issue[] = []
  for (const [id, raw] of Object.entries(parsed)) {
    const cell = decodeCell(id, raw)
    if (cell.ok) cells[id] = cell.value
    else issues.push(...cell.issues)
  }
  return issues.length > 0 ? fail(...issues) : ok(cells)
}

/** RubinTV's per-set view: worker cells, text rows, and the placeholder count when sent. */
export interface ClusterStatusView {
  readonly workers: Readonly<Record<string, { readonly status: WorkerStatus; readonly queueLength?: number }>>
  readonly text: Readonly<Record<string, string>>
  readonly numWorkers?: number
}

export function clusterStatusView(cells: ClusterStatusCells): ClusterStatusView {
  const workers: Record<string, { status: WorkerStatus; queueLength?: number }> = {}
  const text: Record<string, string> = {}
  let numWorkers: number | undefined
  for (const [id, cell] of Object.entries(cells)) {
    if (cell.type === 'worker_status') {
      workers[id] =
        cell.status === 'queued' ? { status: 'queued', queueLength: cell.queueLength } : { status: cell.status }
    } else if (cell.type === 'text_status') {
      text[id] = cell.text
    } else {
      numWorkers = cell.count
    }
  }
  return numWorkers === undefined ? { workers, text } : { workers, text, numWorkers }
}
