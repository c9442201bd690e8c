// ----------------------------------------------------------------------------
// Reset controls: every control the contract gives to the cluster manager
// (RESET_<SET>) is taken with GETDEL, woken by keyspace notifications with a
// polling safety net. A valid reset pushes a RestartPayload to the TOP of the
// queue of each live worker of the set: each finishes its current payload,
// then restarts. RESET_OTHER_QUEUES is refused (OTHER_QUEUES is not a worker
// set). Every command is answered with both read-backs, in the same MULTI as
// the restart payloads.
// ----------------------------------------------------------------------------
import {
  type ClusterStatusSet,
  CONTROLS,
  type ControlName,
  type ControlOutcome,
  clusterStatusSetOfControl,
  controlReadback,
  type Instrument,
  parseControlValue,
  type RestartPayload,
  readbackValue,
  redisKeyMaxLength,
  rejectionFor,
} from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import { Counter, type Logger, type RedisHandle, type Registry, sleep, xaddJson } from '@rubin/ra-runtime'
import type { WorkerView } from './snapshot.ts'

const READBACKS_MAXLEN = redisKeyMaxLength('controlReadbacks')

/** The controls this service consumes for an instrument, as the contract assigns them. */
export function resetControlsFor(instrument: Instrument): ControlName[] {
  return (Object.keys(CONTROLS) as ControlName[]).filter(
    (name) => CONTROLS[name].consumer === 'cluster-manager' && CONTROLS[name].instruments.includes(instrument),
  )
}

export function restartPayload(worker: string, control: ControlName, now: Date, serial: number): RestartPayload {
  return {
    kind: 'restart',
    payloadId: `restart-${worker}-${now.getTime()}-${serial}`,
    target: worker,
    reason: `${CONTROLS[control].key}: restart requested from RubinTV`,
    enqueuedAt: now.toISOString(),
  }
}

export interface ResetRecord {
  readonly at: string
  readonly control: ControlName
  readonly requested: string
  readonly outcome: ControlOutcome['outcome']
  readonly workers: readonly string[]
}

export interface ResetConsumer {
  /** Whether the keyspace subscription is in place (until then only the poll sees commands). */
  subscribed(): boolean
  /** One pass over every reset key (the loop calls it; tests may too). */
  consume(): Promise<ResetRecord[]>
  recent(): readonly ResetRecord[]
  readonly done: Promise<void>
}

export interface ResetConsumerOptions {
  readonly redis: RedisHandle
  readonly instrument: Instrument
  readonly logger: Logger
  readonly metrics: Registry
  readonly signal: AbortSignal
  readonly pollMs: number
  /** The live workers of a set, read fresh when a reset arrives. */
  readonly liveWorkersOf: (set: ClusterStatusSet) => Promise<readonly WorkerView[]>
}

export function startResetConsumer(options: ResetConsumerOptions): ResetConsumer {
  const { redis, instrument, logger, signal } = options
  const { keys } = redis
  const names = resetControlsFor(instrument)
  const controlKeys = names.map((control) => keys.key('control', { control }))
  const resets = new Counter({
    name: 'ra_cluster_resets_total',
    help: 'Reset controls consumed, by control and outcome',
    labelNames: ['control', 'outcome'],
    registers: [options.metrics],
  })
  const recent: ResetRecord[] = []
  let serial = 0

  async function apply(control: ControlName, requested: string): Promise<ResetRecord> {
    const now = new Date()
    const parsed = parseControlValue(control, requested)
    const set = clusterStatusSetOfControl(control)
    let outcome: ControlOutcome
    let payloads: RestartPayload[] = []
    if (!parsed.ok || set === undefined) {
      outcome = rejectionFor(control, parsed.ok ? [] : parsed.issues)
    } else {
      const workers = await options.liveWorkersOf(set)
      payloads = workers.map((w) => restartPayload(w.id, control, now, serial++))
      for (const payload of payloads) {
        const checked = validate('Payload', payload)
        if (!checked.ok) throw new Error(`restart payload does not match the contract: ${JSON.stringify(checked)}`)
      }
      outcome = { outcome: 'applied', value: parsed.value }
    }
    const multi = redis.client.multi()
    // LPUSH: the top of the queue, taken next, so the worker restarts right after its current payload.
    for (const payload of payloads)
      multi.lpush(keys.key('workerQueue', { workerId: payload.target }), JSON.stringify(payload))
    multi.set(keys.key('controlReadback', { control }), readbackValue(outcome))
    xaddJson(multi, keys.key('controlReadbacks'), controlReadback(control, requested, outcome, now), READBACKS_MAXLEN)
    await multi.exec()
    resets.inc({ control, outcome: outcome.outcome })
    const record = {
      at: now.toISOString(),
      control,
      requested,
      outcome: outcome.outcome,
      workers: payloads.map((p) => p.target),
    }
    if (outcome.outcome === 'rejected') logger.warn({ ...record, reason: outcome.reason }, 'reset refused')
    else logger.info(record, 'reset: restart payloads pushed to the top of each queue')
    return record
  }

  async function consume(): Promise<ResetRecord[]> {
    const pipeline = redis.client.pipeline()
    for (const key of controlKeys) pipeline.getdel(key)
    const replies = (await pipeline.exec()) ?? []
    const records: ResetRecord[] = []
    for (const [i, [error, value]] of replies.entries()) {
      const control = names[i]
      if (error || control === undefined || typeof value !== 'string') continue
      records.push(await apply(control, value))
    }
    recent.push(...records)
    recent.splice(0, Math.max(0, recent.length - 20))
    return records
  }

  // Keyspace notifications wake the loop at once; the poll catches what they miss (disabled, or a reconnect).
  const subscriber = redis.blocking('control-events')
  const db = (redis.client.options as { db?: number }).db ?? 0
  let wake: (() => void) | undefined
  // A notification during a pass must not be lost: the next wait then returns at once.
  let woken = false
  subscriber.on('message', () => {
    woken = true
    wake?.()
  })
  // Not awaited: with Redis down at start the service still comes up; ioredis subscribes once connected.
  let subscribed = false
  subscriber
    .subscribe(...controlKeys.map((key) => `__keyspace@${db}__:${key}`))
    .then(() => {
      subscribed = true
    })
    .catch((error: Error) => logger.warn({ err: error.message }, 'no keyspace notifications: polling only'))

  async function loop(): Promise<void> {
    while (!signal.aborted) {
      try {
        await consume()
      } catch (error) {
        if (signal.aborted) break
        logger.warn({ err: (error as Error).message }, 'consuming reset controls failed; retrying')
      }
      if (!woken) {
        await new Promise<void>((resolve) => {
          wake = resolve
          void sleep(options.pollMs, signal).then(resolve)
        })
      }
      wake = undefined
      woken = false
    }
  }

  return { subscribed: () => subscribed, consume, recent: () => recent, done: loop() }
}
