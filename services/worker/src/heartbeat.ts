// ----------------------------------------------------------------------------
// The heartbeat: a WorkerStatusReport under workerHeartbeat with a TTL, the
// worker's entry in the `workers` registry, and its secondary-status key. Its
// expiry is how the cluster manager sees a death, so it is refreshed on a timer
// even while a payload runs. State changes are written within STATE_WRITE_DELAY_MS,
// coalesced: a payload shorter than that costs no heartbeat write at all, a longer
// one shows as busy almost at once (the head node's "lowest free depth" choice and
// the cluster-status page see current state).
// ----------------------------------------------------------------------------
import { hostname } from 'node:os'
import type { SecondaryStatus, WorkerMode, WorkerStatusReport } from '@rubin/ra-contract'
import { formatIssues } from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import type { Logger, RedisHandle } from '@rubin/ra-runtime'
import { utcNow } from '@rubin/ra-runtime'
import type { WorkerIdentity } from './identity.ts'

export interface HeartbeatState {
  readonly state: 'free' | 'busy'
  readonly secondary: SecondaryStatus
  readonly mode: WorkerMode
  readonly currentPayloadId?: string
  readonly busySince?: string
}

export function statusReport(identity: WorkerIdentity, now: HeartbeatState, host: string): WorkerStatusReport {
  return {
    workerId: identity.id,
    flavour: identity.flavour,
    instrument: identity.instrument,
    ...(identity.depth === undefined ? {} : { depth: identity.depth }),
    ...(identity.detector === undefined ? {} : { detector: identity.detector }),
    state: now.state,
    secondary: now.secondary,
    mode: now.mode,
    ...(now.currentPayloadId === undefined ? {} : { currentPayloadId: now.currentPayloadId }),
    ...(now.busySince === undefined ? {} : { busySince: now.busySince }),
    updatedAt: utcNow(),
    host,
    pid: process.pid,
  }
}

export interface HeartbeatOptions {
  readonly redis: RedisHandle
  readonly identity: WorkerIdentity
  readonly ttlMs: number
  readonly intervalMs: number
  readonly logger: Logger
}

/** How soon a state change is written (changes within this window are coalesced into one write). */
export const STATE_WRITE_DELAY_MS = 50

export interface Heartbeat {
  readonly current: HeartbeatState
  /** Change state; written within STATE_WRITE_DELAY_MS (not awaited: the payload loop never waits on it). */
  set(next: HeartbeatState): void
  /** Change state and write it now (a restart must be visible before the worker goes). */
  setNow(next: HeartbeatState): Promise<void>
  /** Write the current state now. */
  beat(): Promise<void>
  /** Stop refreshing (the key then expires on its own, as a dead pod's would). */
  stop(): void
}

export function startHeartbeat(options: HeartbeatOptions, initial: HeartbeatState): Heartbeat {
  const { redis, identity, logger } = options
  const host = process.env.HOSTNAME ?? hostname()
  const keys = {
    heartbeat: redis.keys.key('workerHeartbeat', { workerId: identity.id }),
    secondary: redis.keys.key('workerSecondaryStatus', { workerId: identity.id }),
    workers: redis.keys.key('workers', { instrument: identity.instrument }),
  }
  let current = initial
  let written: string | undefined
  let stopped = false
  let inFlight: Promise<void> | undefined
  let pending: NodeJS.Timeout | undefined
  const visible = (s: HeartbeatState) => `${s.state}|${s.secondary}|${s.mode}|${s.currentPayloadId ?? ''}`

  const write = async () => {
    const report = statusReport(identity, current, host)
    const checked = validate('WorkerStatusReport', report)
    if (!checked.ok) {
      // Our bug; writing it would mislead the cluster manager, so say so loudly instead.
      logger.error({ issues: formatIssues(checked.issues) }, 'heartbeat does not match the contract; not written')
      return
    }
    written = visible(current)
    const multi = redis.client
      .multi()
      .set(keys.heartbeat, JSON.stringify(report), 'PX', options.ttlMs)
      .zadd(keys.workers, Date.now(), identity.id)
    if (current.secondary === '') multi.del(keys.secondary)
    else multi.set(keys.secondary, current.secondary)
    await multi.exec()
  }

  const beat = async () => {
    // Chained, so an immediate state write never overtakes (and is never overwritten by) an older one.
    const next = (inFlight ?? Promise.resolve()).then(write, write)
    inFlight = next
    try {
      await next
    } finally {
      if (inFlight === next) inFlight = undefined
    }
  }

  const timer = setInterval(() => {
    // While Redis is down the previous beat is still queued; piling more up helps nobody.
    if (stopped || inFlight !== undefined) return
    beat().catch((error) => logger.warn({ err: (error as Error).message }, 'heartbeat failed'))
  }, options.intervalMs)

  return {
    get current() {
      return current
    },
    set(next) {
      current = next
      if (stopped || pending !== undefined) return
      pending = setTimeout(() => {
        pending = undefined
        // Nothing anyone could see has changed since the last write (e.g. busy and free again).
        if (stopped || visible(current) === written) return
        beat().catch((error) => logger.warn({ err: (error as Error).message }, 'heartbeat failed'))
      }, STATE_WRITE_DELAY_MS)
    },
    async setNow(next) {
      current = next
      if (!stopped) await beat()
    },
    beat,
    stop() {
      stopped = true
      clearInterval(timer)
      if (pending !== undefined) clearTimeout(pending)
    },
  }
}
