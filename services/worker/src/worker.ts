// ----------------------------------------------------------------------------
// The worker loop (services/README.md, protocol step 3). Heartbeat first, then
// whatever is left in our claimed list (a crash mid-payload), then BLMOVE
// queue → claimed, one payload at a time. The claimed list, not memory, says
// what to do: after every BLMOVE the whole list is worked through, so a payload
// moved by a BLMOVE whose reply a Redis restart swallowed is still run.
// ----------------------------------------------------------------------------
import type { RestartPayload, Service } from '@rubin/ra-contract'
import type { DeadLetters, Logger, RedisHandle } from '@rubin/ra-runtime'
import { sleep, utcNow } from '@rubin/ra-runtime'
import { moveClaimed } from './complete.lua.ts'
import type { WorkerSettings } from './config.ts'
import { type Heartbeat, startHeartbeat } from './heartbeat.ts'
import { DEFAULT_WORKER_MODE, type ModeState, modeFromControlState } from './modes.ts'
import { type Claim, decodeClaim, type ProcessClaim, type RestartClaim } from './payload.ts'
import type { PipelineRegistry } from './pipelines/registry.ts'
import { type Processed, processClaim } from './process.ts'
import type { Counts, PayloadEnd, WorkerMetrics } from './status.ts'

/** BLMOVE timeout: how long a stop request waits at most while idle. */
const CLAIM_TIMEOUT_S = 1
/** Unexpected errors on one entry before it is set aside as a dead letter (never retried for ever). */
const MAX_ENTRY_ERRORS = 3
const MODE_MAX_AGE_MS = 1000
const ERROR_BACKOFF_MS = 1000

export interface WorkerDeps {
  readonly service: Service
  readonly settings: WorkerSettings
  readonly redis: RedisHandle
  readonly pipelines: PipelineRegistry
  readonly logger: Logger
  readonly deadLetters: DeadLetters
  readonly metrics: WorkerMetrics
  /** The service's stop signal: the loop ends after the current payload. */
  readonly signal: AbortSignal
  /** After a restart payload for this worker was taken off the claimed list and the loop ended; may stop the service. */
  readonly onRestart?: ((payload: RestartPayload) => void | Promise<void>) | undefined
  /** The loop died on an unexpected error (its claimed payloads stay claimed for recovery). */
  readonly onFatal?: ((error: Error) => void) | undefined
}

type LoopState = 'starting' | 'idle' | 'running' | 'restarting' | 'stopped'

interface Current {
  readonly claim: ProcessClaim
  readonly startedAt: string
  readonly abandonable: boolean
}

export interface Worker {
  start(): Promise<void>
  stop(): Promise<void>
  status(): unknown
  notReady(): readonly string[]
}

export function createWorker(deps: WorkerDeps): Worker {
  const { settings, redis, logger, signal } = deps
  const { identity } = settings
  const keys = {
    queue: redis.keys.key('workerQueue', { workerId: identity.id }),
    claimed: redis.keys.key('workerClaimed', { workerId: identity.id }),
    controlState: redis.keys.key('controlState', { instrument: identity.instrument }),
  }
  const counts: Counts = { finished: 0, failed: 0, skipped: 0, abandoned: 0, invalid: 0 }
  const entryErrors = new Map<string, number>()
  let state: LoopState = 'starting'
  let mode: ModeState = { mode: DEFAULT_WORKER_MODE, latestExposureId: undefined }
  let current: Current | undefined
  let restart: RestartPayload | undefined
  let heartbeat: Heartbeat | undefined
  let loop: Promise<void> | undefined
  let failure: string | undefined

  // The mode and latest exposure change at most once per exposure: re-read at most once a second.
  let modeReadAt = 0
  const readMode = async (fresh = false) => {
    if (!fresh && Date.now() - modeReadAt < MODE_MAX_AGE_MS) return mode
    const decoded = modeFromControlState(await redis.client.hgetall(keys.controlState))
    if (decoded.problem) logger.warn(decoded.problem)
    mode = decoded.state
    modeReadAt = Date.now()
    return mode
  }

  const free = () => heartbeat?.set({ state: 'free', secondary: '', mode: mode.mode })

  const ended = async (claim: ProcessClaim, end: PayloadEnd, startedAt: string) => {
    counts[end] += 1
    deps.metrics.ended(end, (Date.now() - Date.parse(startedAt)) / 1000)
    logger.info({ payloadId: claim.payload.payloadId, processingId: claim.processingId, end }, `payload ${end}`)
  }

  /** Runs one process payload; returns the next payload the completion step already claimed, if any. */
  const handleProcess = async (claim: ProcessClaim): Promise<string | null> => {
    const startedAt = utcNow()
    let processed: Processed
    try {
      processed = await processClaim(
        {
          redis,
          identity,
          pipelines: deps.pipelines,
          logger,
          keys,
          murderousPollMs: settings.murderousPollMs,
          transientRetryMs: settings.transientRetryMs,
          stopping: signal,
          // Not while stopping or restarting: a payload claimed now would wait for the next start.
          claimNextFrom: () => (signal.aborted || restart !== undefined ? undefined : keys.queue),
          started: async (started, secondary, abandonable) => {
            current = { claim: started, startedAt: utcNow(), abandonable }
            state = 'running'
            deps.metrics.busy(true)
            heartbeat?.set({
              state: 'busy',
              secondary,
              mode: mode.mode,
              currentPayloadId: started.payload.payloadId,
              busySince: current.startedAt,
            })
          },
        },
        claim,
        // A claim newer than the newest exposure we know of means the head node has moved on: re-read.
        await readMode(mode.latestExposureId === undefined || claim.exposure > mode.latestExposureId),
      )
    } finally {
      current = undefined
      state = 'idle'
      deps.metrics.busy(false)
    }
    await ended(claim, processed.end, startedAt)
    await free()
    return processed.next
  }

  const handleRestart = async (claim: RestartClaim, recovering: boolean) => {
    const { payload } = claim
    if (payload.target !== identity.id) {
      // Misrouted (e.g. by a rebalance): it belongs at the top of its target's queue, not here.
      const target = redis.keys.tryKey('workerQueue', { workerId: payload.target })
      if (!target.ok) {
        return setAside(claim.raw, 'RA_PAYLOAD_INVALID', `restart target '${payload.target}' is not a worker id`)
      }
      await moveClaimed(redis.client, { claimed: keys.claimed, queue: target.value }, claim.raw, claim.raw, 'head')
      logger.warn({ target: payload.target }, 'restart payload for another worker moved to its queue')
      return
    }
    if (recovering) {
      // Left over from before this process started: the restart it asked for has happened.
      await redis.client.lrem(keys.claimed, 1, claim.raw)
      logger.info({ payloadId: payload.payloadId }, 'restart payload already honoured by this start')
      return
    }
    state = 'restarting'
    await heartbeat?.setNow({
      state: 'busy',
      secondary: 'RESTARTING',
      mode: mode.mode,
      currentPayloadId: payload.payloadId,
      busySince: utcNow(),
    })
    await redis.client.lrem(keys.claimed, 1, claim.raw)
    logger.info({ reason: payload.reason }, 'restart requested: stopping; queued work stays queued')
    restart = payload
  }

  const setAside = async (raw: string, code: string, reason: string, attempts = 1) => {
    counts.invalid += 1
    deps.metrics.invalid()
    await deps.deadLetters({ source: keys.queue, code, reason, input: raw, attempts })
    await redis.client.lrem(keys.claimed, 1, raw)
  }

  const handle = async (claim: Claim, recovering: boolean) => {
    if (claim.kind === 'invalid') return setAside(claim.raw, claim.code, claim.reason)
    if (claim.kind === 'restart') return handleRestart(claim, recovering)
    return handleProcess(claim)
  }

  /** Works through the claimed list; false when the loop must end (stop or restart). */
  const drainClaimed = async (recovering: boolean): Promise<boolean> => {
    const entries = await redis.client.lrange(keys.claimed, 0, -1)
    if (recovering && entries.length > 0) logger.info({ count: entries.length }, 're-running claimed payloads')
    return drainEntries(entries, recovering)
  }

  const drainEntries = async (entries: readonly string[], recovering: boolean): Promise<boolean> => {
    const work = [...entries]
    for (let raw = work.shift(); raw !== undefined; raw = work.shift()) {
      if (restart || signal.aborted) break
      try {
        const next = await handle(decodeClaim(raw, identity.instrument), recovering)
        entryErrors.delete(raw)
        // Claimed by the completion step itself: run it next, without another round trip.
        if (typeof next === 'string') work.push(next)
      } catch (error) {
        const errors = (entryErrors.get(raw) ?? 0) + 1
        entryErrors.set(raw, errors)
        const reason = `error while handling it: ${(error as Error).message}`
        logger.error({ err: error, errors }, 'claimed payload could not be handled')
        if (errors >= MAX_ENTRY_ERRORS) {
          entryErrors.delete(raw)
          await setAside(raw, 'RA_PAYLOAD_UNPROCESSABLE', reason, errors)
        } else {
          await sleep(ERROR_BACKOFF_MS)
        }
        await free()
      }
    }
    return restart === undefined && !signal.aborted
  }

  const run = async () => {
    const blocking = redis.blocking('claim')
    let going = await drainClaimed(true)
    state = 'idle'
    while (going) {
      let taken: string | null = null
      try {
        taken = await blocking.blmove(keys.queue, keys.claimed, 'LEFT', 'RIGHT', CLAIM_TIMEOUT_S)
      } catch (error) {
        logger.warn({ err: (error as Error).message }, 'BLMOVE failed; retrying')
        await sleep(ERROR_BACKOFF_MS, signal)
      }
      // The common case: run what BLMOVE handed over. When idle (or after an error), scan the
      // whole claimed list: a BLMOVE re-sent after a Redis restart can leave an orphan there
      // whose reply was lost, and it must not wait for the next start of this worker.
      going = taken !== null ? await drainEntries([taken], false) : await drainClaimed(false)
    }
    if (restart) {
      heartbeat?.stop()
      const payload = restart
      // Not awaited by the loop: a hook that stops the service (which awaits the loop) must not deadlock.
      setImmediate(() => {
        Promise.resolve()
          .then(() => deps.onRestart?.(payload))
          .catch((error) => logger.error({ err: error }, 'onRestart hook failed'))
      })
    }
  }

  return {
    async start() {
      await readMode()
      heartbeat = startHeartbeat(
        { redis, identity, ttlMs: settings.heartbeatTtlMs, intervalMs: settings.heartbeatIntervalMs, logger },
        { state: 'free', secondary: '', mode: mode.mode },
      )
      await heartbeat.beat()
      logger.info({ queue: keys.queue }, 'worker registered')
      loop = run().catch((error) => {
        failure = (error as Error).message
        logger.error({ err: error }, 'worker loop failed')
        // A worker that takes nothing must not look alive: let the heartbeat lapse so its claimed work is recovered.
        heartbeat?.stop()
        deps.onFatal?.(error as Error)
      })
    },
    async stop() {
      await loop
      heartbeat?.stop()
      if (state !== 'restarting') state = 'stopped'
    },
    notReady: () => [
      ...(failure === undefined ? [] : [`worker loop failed: ${failure}`]),
      ...(state === 'restarting' ? ['restarting'] : []),
    ],
    status: () => ({
      service: deps.service,
      workerId: identity.id,
      flavour: identity.flavour,
      instrument: identity.instrument,
      ...(identity.depth === undefined ? {} : { depth: identity.depth }),
      ...(identity.detector === undefined ? {} : { detector: identity.detector }),
      state,
      heartbeat: heartbeat?.current.state ?? 'free',
      secondary: heartbeat?.current.secondary ?? '',
      mode: mode.mode,
      latestExposureId: mode.latestExposureId ?? null,
      current: current
        ? {
            payloadId: current.claim.payload.payloadId,
            processingId: current.claim.processingId,
            detector: current.claim.detector ?? null,
            pipeline: current.claim.payload.pipeline ?? current.claim.payload.task ?? null,
            attempt: current.claim.payload.attempt,
            startedAt: current.startedAt,
            abandonable: current.abandonable,
          }
        : null,
      counts: { ...counts },
      pipelines: deps.pipelines.describe(),
    }),
  }
}
