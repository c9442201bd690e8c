// ----------------------------------------------------------------------------
// Incoming: exposure records → fan-out (services/README.md step 2). BLMOVE takes
// the newest record from `incoming` into `incomingClaimed`; anything found in
// `incomingClaimed` (left by a crash, a restart, or a reply lost to a Redis
// restart) is handled before the next BLMOVE, so nothing claimed is forgotten.
// Each fan-out is committed by one guarded atomic batch (./redis/atomic.ts): it
// removes the record from incomingClaimed, and skips (dropping the record) when
// the exposure's expected set already exists, i.e. it was dispatched before.
// ----------------------------------------------------------------------------
import { type ExposureRecord, encodeDispatchState, formatIssues, redisKeyTtl } from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { sleep, utcNow } from '@rubin/ra-runtime'
import type { Redis } from 'ioredis'
import type { HeadNodeCore } from './core.ts'
import { type FanOutPlan, planFanOut } from './plan/fanout.ts'
import { AtomicBatch } from './redis/atomic.ts'
import { readWorkers } from './redis/workers.ts'
import { stateFromHash } from './state.ts'

const BLOCK_SECONDS = 1
const ERROR_PAUSE_MS = 1000
/** A claimed record that keeps failing is set aside after this many tries, so it cannot wedge the queue. */
const MAX_ATTEMPTS = 5

export async function runIncomingLoop(core: HeadNodeCore, blocking: Redis): Promise<void> {
  const { redis, instrument, logger, signal } = core
  const incomingKey = redis.keys.key('incoming', { instrument })
  const claimedKey = redis.keys.key('incomingClaimed', { instrument })
  const receivedAt = new Map<string, number>()
  const failures = new Map<string, number>()
  while (!signal.aborted) {
    let current: string | undefined
    try {
      const claimed = await redis.client.lrange(claimedKey, 0, -1)
      if (claimed.length > 0) {
        for (const raw of claimed) {
          if (signal.aborted) break
          current = raw
          await handleRecord(core, raw, receivedAt.get(raw) ?? Date.now())
          receivedAt.delete(raw)
          failures.delete(raw)
        }
        continue
      }
      const raw = await blocking.blmove(incomingKey, claimedKey, 'LEFT', 'RIGHT', BLOCK_SECONDS)
      if (raw !== null) receivedAt.set(raw, Date.now())
    } catch (error) {
      if (signal.aborted) break
      logger.error({ err: error }, 'incoming loop: error; retrying')
      if (current !== undefined) {
        const attempts = (failures.get(current) ?? 0) + 1
        failures.set(current, attempts)
        if (attempts >= MAX_ATTEMPTS) await setAside(core, current, error, attempts).catch(() => {})
      }
      await sleep(ERROR_PAUSE_MS, signal)
    }
  }
}

async function setAside(core: HeadNodeCore, raw: string, error: unknown, attempts: number): Promise<void> {
  const claimedKey = core.redis.keys.key('incomingClaimed', { instrument: core.instrument })
  await core.deadLetters({
    source: claimedKey,
    code: 'RA_FANOUT_FAILED',
    reason: `fan-out failed ${attempts} times: ${(error as Error).message}`,
    input: raw,
    attempts,
  })
  await core.redis.client.lrem(claimedKey, 1, raw)
}

async function refuse(core: HeadNodeCore, raw: string, code: string, reason: string): Promise<void> {
  const claimedKey = core.redis.keys.key('incomingClaimed', { instrument: core.instrument })
  core.counts.recordsInvalid++
  core.metrics.exposures.inc({ outcome: 'invalid' })
  await core.deadLetters({
    source: core.redis.keys.key('incoming', { instrument: core.instrument }),
    code,
    reason,
    input: raw,
  })
  await core.redis.client.lrem(claimedKey, 1, raw)
}

export async function handleRecord(core: HeadNodeCore, raw: string, receivedAt: number): Promise<void> {
  const parsed = parseMessage('ExposureRecord', raw)
  if (!parsed.ok) return refuse(core, raw, 'RA_EXPOSURE_RECORD_INVALID', formatIssues(parsed.issues))
  const record = parsed.value
  if (record.instrument !== core.instrument) {
    const reason = `record is for ${record.instrument} but this head node dispatches ${core.instrument}`
    return refuse(core, raw, 'RA_EXPOSURE_RECORD_WRONG_INSTRUMENT', reason)
  }
  const workers = await readWorkers(core.redis, core.instrument)
  await core.lock.run(async () => {
    const plan = planFanOut({ record, state: core.state, workers, run: core.run, now: new Date() })
    if (plan.invalid.length > 0) {
      return refuse(
        core,
        raw,
        'RA_PAYLOAD_INVALID',
        `payloads built from it are invalid: ${formatIssues(plan.invalid)}`,
      )
    }
    const outcome = await commit(core, raw, plan)
    if (outcome === 'applied') {
      core.state = { ...core.state, dispatch: plan.dispatch }
      recordDispatch(core, record, plan, Date.now() - receivedAt)
    } else if (outcome === 'skipped') {
      core.counts.duplicatesDropped++
      core.metrics.exposures.inc({ outcome: 'duplicate' })
      core.logger.warn(
        { exposureId: record.exposureId },
        'exposure already dispatched (its expected set exists); duplicate record dropped',
      )
    } else {
      // Either another head node took it, or our own commit ran and its reply was lost to a Redis
      // restart (the re-sent script is a guarded no-op). Either way Redis holds a dispatch state we
      // do not: adopt it, or the next exposure would write a stale dispatchCount and time-mode phase.
      await resyncDispatchState(core)
      core.logger.info(
        { exposureId: record.exposureId },
        'record no longer claimed (already dispatched); state resynced',
      )
    }
  })
}

async function resyncDispatchState(core: HeadNodeCore): Promise<void> {
  const hash = await core.redis.client.hgetall(core.redis.keys.key('controlState', { instrument: core.instrument }))
  core.state = { ...core.state, dispatch: stateFromHash(hash).state.dispatch }
}

function commit(core: HeadNodeCore, raw: string, plan: FanOutPlan) {
  const { redis, instrument } = core
  const batch = new AtomicBatch().guardListRemove(redis.keys.key('incomingClaimed', { instrument }), raw)
  const expectedKey = (who: FanOutPlan['expected'][number]['who']) =>
    redis.keys.key('expectedDetectors', { instrument, who, processingId: plan.processingId })
  for (const set of plan.expected) batch.skipIfExists(expectedKey(set.who))
  // Expected sets first: a worker finishing the first payload must find the set it completes against.
  for (const set of plan.expected) batch.sadd(expectedKey(set.who), set.detectors, redisKeyTtl('expectedDetectors'))
  for (const payload of plan.payloads)
    batch.enqueue(redis.keys.key('workerQueue', { workerId: payload.workerId }), payload.json)
  if (plan.aosPipeline !== undefined) {
    const key = redis.keys.key('aosPipeline', { instrument, processingId: plan.processingId })
    batch.set(key, plan.aosPipeline, redisKeyTtl('aosPipeline'))
  }
  const { dispatchCount, latestExposureId, openFamPair } = plan.dispatch
  batch.hset(
    redis.keys.key('controlState', { instrument }),
    encodeDispatchState({ dispatchCount, latestExposureId, openFamPair }),
  )
  return batch.run(redis.client)
}

function recordDispatch(core: HeadNodeCore, record: ExposureRecord, plan: FanOutPlan, latencyMs: number): void {
  core.counts.exposuresDispatched++
  core.counts.payloadsQueued += plan.payloads.length
  core.metrics.exposures.inc({ outcome: 'dispatched' })
  core.metrics.dispatchLatency.observe({ route: plan.route.kind }, latencyMs / 1000)
  for (const payload of plan.payloads) core.metrics.payloads.inc({ flavour: payload.flavour })
  for (const reason of plan.skipped) {
    core.counts.oneOffsSkipped++
    core.logger.info({ exposureId: record.exposureId }, `one-off skipped: ${reason}`)
  }
  core.lastDispatch = {
    exposureId: record.exposureId,
    obsId: record.obsId,
    observationType: record.observationType,
    route: plan.route.kind,
    payloads: plan.payloads.length,
    latencyMs,
    at: utcNow(),
  }
  core.logger.info(
    {
      exposureId: record.exposureId,
      obsId: record.obsId,
      observationType: record.observationType,
      route: plan.route.kind,
      pattern: core.state.controls.CHIP_SELECTION,
      timeMode: core.state.controls.VISIT_PROCESSING_MODE,
      inverted: plan.selection.inverted,
      guaranteed: plan.selection.guaranteed,
      expected: Object.fromEntries(plan.expected.map((e) => [e.who, e.detectors.length])),
      payloads: plan.payloads.length,
      aosPipeline: plan.aosPipeline,
      latencyMs,
    },
    'exposure dispatched',
  )
}
