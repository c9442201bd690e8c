// ----------------------------------------------------------------------------
// One process payload, from claimed to done: apply the worker mode, run the
// pipeline (watching the queue for newer work when MURDEROUS may abandon it),
// then either complete it atomically or put it back on the queue atomically.
// ----------------------------------------------------------------------------
import type { GatherReady, PayloadTiming, SecondaryStatus } from '@rubin/ra-contract'
import { formatIssues } from '@rubin/ra-contract'
import { validate, validateReceived } from '@rubin/ra-contract/validate'
import type { Logger, RedisHandle } from '@rubin/ra-runtime'
import { sleep, utcNow } from '@rubin/ra-runtime'
import { complete, moveClaimed } from './complete.lua.ts'
import type { WorkerIdentity } from './identity.ts'
import { decide, isNewerWork, type ModeState } from './modes.ts'
import { decodeClaim, type ProcessClaim } from './payload.ts'
import { type PipelineRegistry, pipelineKey } from './pipelines/registry.ts'
import type { PipelineResult } from './pipelines/types.ts'
import type { PayloadEnd } from './status.ts'

const MAX_REASON = 2000
/** Backoff between runs of a payload the infrastructure failed (S3 or Redis away), doubling up to the cap. */
const RETRY_FIRST_MS = 500
const RETRY_MAX_MS = 10_000

export interface ProcessDeps {
  readonly redis: RedisHandle
  readonly identity: WorkerIdentity
  readonly pipelines: PipelineRegistry
  readonly logger: Logger
  readonly keys: { readonly queue: string; readonly claimed: string }
  readonly murderousPollMs: number
  /** How long a payload failing on transient infrastructure errors is run again before it counts as failed. */
  readonly transientRetryMs: number
  /** The service is stopping: a payload waiting to be run again goes back to its queue instead. */
  readonly stopping?: AbortSignal
  /** The queue to claim the next payload from as part of the completion (undefined: don't, e.g. stopping). */
  readonly claimNextFrom?: () => string | undefined
  /** Called when the payload starts running (after the mode decision), to mark the worker busy. */
  readonly started: (claim: ProcessClaim, secondary: SecondaryStatus, abandonable: boolean) => Promise<void>
}

/** GUEST: running another detector's work, or anything at all on a backlog worker. */
export function secondaryFor(identity: WorkerIdentity, claim: ProcessClaim): SecondaryStatus {
  if (claim.payload.specialMessage === 'GUEST' || identity.flavour === 'BACKLOG_WORKER') return 'GUEST'
  if (identity.detector !== undefined && claim.detector !== undefined && claim.detector !== identity.detector) {
    return 'GUEST'
  }
  return ''
}

function timingFor(
  identity: WorkerIdentity,
  claim: ProcessClaim,
  outcome: 'finished' | 'failed' | 'skipped',
  reason: string | undefined,
  startedAt: string,
  finishedAt: string,
): PayloadTiming {
  const { payload } = claim
  return {
    payloadId: payload.payloadId,
    workerId: identity.id,
    instrument: payload.instrument,
    who: payload.who,
    processingId: claim.processingId,
    ...(claim.detector === undefined ? {} : { detector: claim.detector }),
    ...(payload.pipeline === undefined ? {} : { pipeline: payload.pipeline }),
    outcome,
    ...(reason === undefined ? {} : { reason: reason.slice(0, MAX_REASON) }),
    enqueuedAt: payload.enqueuedAt,
    startedAt,
    finishedAt,
  }
}

/** Completion bookkeeping for one ended payload (one Lua script). */
export async function completeClaim(
  deps: Pick<ProcessDeps, 'redis' | 'identity' | 'logger' | 'keys' | 'claimNextFrom'>,
  claim: ProcessClaim,
  outcome: 'finished' | 'failed' | 'skipped',
  reason: string | undefined,
  startedAt: string,
): Promise<{ removed: boolean; gathered: boolean; next: string | null }> {
  const { redis, identity, logger } = deps
  const finishedAt = utcNow()
  const timing = timingFor(identity, claim, outcome, reason, startedAt, finishedAt)
  const checked = validate('PayloadTiming', timing)
  // Our bug if it happens; the completion must still be counted or the visit step never fires.
  if (!checked.ok) logger.error({ issues: formatIssues(checked.issues) }, 'payload timing does not match the contract')
  const { payload } = claim
  const base = { instrument: payload.instrument, who: payload.who, processingId: claim.processingId, at: finishedAt }
  const keys = { claimed: deps.keys.claimed, payloadTimings: redis.keys.key('payloadTimings', base) }
  const nextFrom = deps.claimNextFrom?.()
  const claimNext = nextFrom === undefined ? {} : { claimNextFrom: nextFrom }
  if (!claim.step1a || claim.detector === undefined) {
    return complete(redis.client, { keys, ...claimNext, raw: claim.raw, timingJson: JSON.stringify(timing) })
  }
  const sample: GatherReady = { ...base, expected: 1, failedDetectors: [] }
  const gatherCheck = validate('GatherReady', sample)
  if (!gatherCheck.ok) logger.error({ issues: formatIssues(gatherCheck.issues) }, 'GatherReady would be invalid')
  const result = await complete(redis.client, {
    keys,
    ...claimNext,
    raw: claim.raw,
    timingJson: JSON.stringify(timing),
    step1a: {
      keys: {
        expected: redis.keys.key('expectedDetectors', base),
        finished: redis.keys.key('finishedDetectors', base),
        failed: redis.keys.key('failedDetectors', base),
        gatherDispatched: redis.keys.key('gatherDispatched', base),
        completions: redis.keys.key('completions', base),
      },
      detector: claim.detector,
      outcome,
      gatherBaseJson: JSON.stringify(base),
    },
  })
  if (result.gathered) logger.info({ processingId: claim.processingId, who: payload.who }, 'last detector: GatherReady')
  return result
}

/** MURDEROUS: polls the head of the queue; aborts when a payload for a newer exposure lands there. */
function watchForNewerWork(deps: ProcessDeps, claim: ProcessClaim, abort: () => void) {
  const stop = new AbortController()
  const watching = (async () => {
    let lastHead: string | null = null
    while (!stop.signal.aborted) {
      await sleep(deps.murderousPollMs, stop.signal)
      if (stop.signal.aborted) return
      const head = await deps.redis.client.lindex(deps.keys.queue, 0)
      if (head === null || head === lastHead) continue
      lastHead = head
      const next = decodeClaim(head, deps.identity.instrument)
      if (next.kind === 'process' && isNewerWork(next, claim)) {
        deps.logger.info({ abandoning: claim.payload.payloadId, for: next.payload.payloadId }, 'newer work landed')
        abort()
        return
      }
    }
  })().catch((error) => deps.logger.warn({ err: (error as Error).message }, 'queue watch failed'))
  return async () => {
    stop.abort()
    await watching
  }
}

/** Back to the tail of its queue with attempt + 1, off the claimed list, in one step. */
async function abandon(deps: ProcessDeps, claim: ProcessClaim): Promise<void> {
  const retry = { ...claim.payload, attempt: claim.payload.attempt + 1 }
  const checked = validateReceived('Payload', retry)
  if (!checked.ok) deps.logger.error({ issues: formatIssues(checked.issues) }, 'abandoned payload would be invalid')
  const moved = await moveClaimed(deps.redis.client, deps.keys, claim.raw, JSON.stringify(retry), 'tail')
  if (!moved) deps.logger.warn({ payloadId: claim.payload.payloadId }, 'abandoned payload was no longer claimed')
}

async function runPipeline(deps: ProcessDeps, claim: ProcessClaim, signal: AbortSignal): Promise<PipelineResult> {
  const runner = deps.pipelines.resolve(claim.payload)
  if (runner === undefined) {
    return { outcome: 'failed', reason: `no pipeline configured for '${pipelineKey(claim.payload) ?? '(none)'}'` }
  }
  try {
    return await runner.run(claim.payload, { instrument: deps.identity.instrument, signal, logger: deps.logger })
  } catch (error) {
    return { outcome: 'failed', reason: `${runner.describe} threw: ${(error as Error).message}` }
  }
}

/**
 * Runs the pipeline, and again with backoff while it fails only because S3 or Redis is away
 * (DESIGN §6: retry, then catch up). 'stopping' means the service stopped while waiting.
 */
async function runWithRetries(
  deps: ProcessDeps,
  claim: ProcessClaim,
  signal: AbortSignal,
): Promise<PipelineResult | 'stopping'> {
  const deadline = Date.now() + deps.transientRetryMs
  let backoff = RETRY_FIRST_MS
  for (let run = 1; ; run += 1) {
    const result = await runPipeline(deps, claim, signal)
    if (result.outcome !== 'failed' || result.retryable !== true || signal.aborted) return result
    if (Date.now() + backoff > deadline) {
      const seconds = Math.round(deps.transientRetryMs / 1000)
      return { outcome: 'failed', reason: `${result.reason} (still failing after ${run} runs over ${seconds} s)` }
    }
    deps.logger.warn(
      { payloadId: claim.payload.payloadId, reason: result.reason, run, retryInMs: backoff },
      'infrastructure unavailable: the payload runs again after a backoff',
    )
    await sleep(backoff, AbortSignal.any([signal, ...(deps.stopping ? [deps.stopping] : [])]))
    if (deps.stopping?.aborted) return 'stopping'
    backoff = Math.min(backoff * 2, RETRY_MAX_MS)
  }
}

export interface Processed {
  readonly end: PayloadEnd
  /** The next payload, already claimed by the completion step (null: none queued, or not asked). */
  readonly next: string | null
}

/** Runs (or skips, or abandons) one claimed process payload; returns how it ended. */
export async function processClaim(deps: ProcessDeps, claim: ProcessClaim, mode: ModeState): Promise<Processed> {
  const startedAt = utcNow()
  const decision = decide(claim, mode)
  if (decision.action === 'skip') {
    const { next } = await completeClaim(deps, claim, 'skipped', decision.reason, startedAt)
    return { end: 'skipped', next }
  }
  await deps.started(claim, secondaryFor(deps.identity, claim), decision.abandonable)
  const controller = new AbortController()
  let abandoned = false
  const stopWatching = decision.abandonable
    ? watchForNewerWork(deps, claim, () => {
        abandoned = true
        controller.abort()
      })
    : async () => {}
  const result = await runWithRetries(deps, claim, controller.signal)
  await stopWatching()
  if (abandoned || result === 'stopping') {
    await abandon(deps, claim)
    return { end: 'abandoned', next: null }
  }
  const reason =
    result.outcome === 'failed'
      ? result.reason
      : result.outputs === undefined
        ? undefined
        : `outputs: ${result.outputs.join(', ')}`
  if (result.outcome === 'failed') deps.logger.warn({ payloadId: claim.payload.payloadId, reason }, 'payload failed')
  else if (result.outputs) deps.logger.info({ payloadId: claim.payload.payloadId, outputs: result.outputs }, 'outputs')
  const { next } = await completeClaim(deps, claim, result.outcome, reason, startedAt)
  return { end: result.outcome, next }
}
