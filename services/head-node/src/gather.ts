// ----------------------------------------------------------------------------
// Gather: GatherReady → visit-level payload (services/README.md step 4). The
// `completions` stream is read with a consumer group; at start the head node
// takes over entries left pending by earlier instances (XAUTOCLAIM), re-reads
// its own pending ones, then reads new ones. Each entry is committed by one
// guarded atomic batch (XACK first, then LPUSH the step1b payload and, for AOS,
// the MTAOS WEP result), so it is queued exactly once, across restarts too.
// With no visit-level worker registered the entry stays pending and is retried.
// ----------------------------------------------------------------------------
import { hostname } from 'node:os'
import { formatIssues, type GatherReady, Pipeline, parseProcessingId, type WorkerFlavour } from '@rubin/ra-contract'
import { parseMessage, validate } from '@rubin/ra-contract/validate'
import { sleep } from '@rubin/ra-runtime'
import type { Redis } from 'ioredis'
import type { HeadNodeCore } from './core.ts'
import { oneOffPayload, step1bPayload } from './plan/payloads.ts'
import { AtomicBatch } from './redis/atomic.ts'
import {
  claimAllPending,
  ensureGroup,
  forgetIdleConsumers,
  type GroupMember,
  readGroup,
} from './redis/consumer-group.ts'
import type { PendingEntry } from './redis/stream-reply.ts'
import { readWorkers } from './redis/workers.ts'

const BLOCK_MS = 1000
const ERROR_PAUSE_MS = 1000

// The focal-plane mosaic of the binned post-ISR images is queued with the SFM step1b, from the
// same GatherReady (every image that will exist then does), to a MOSAIC_WORKER so it does not
// wait behind step1b. Like the fan-out's one-offs, it is skipped when no MOSAIC_WORKER is registered.
const MOSAIC_TASK = 'MOSAIC_POST_ISR' as const
const MOSAIC_FLAVOUR: WorkerFlavour = 'MOSAIC_WORKER'

const STEP1B_FLAVOUR: Partial<Record<GatherReady['who'], WorkerFlavour>> = {
  SFM: 'STEP1B_WORKER',
  AOS: 'STEP1B_AOS_WORKER',
}

export interface GatherOptions {
  readonly group: string
  readonly retryMs: number
  readonly consumer?: string
}

export class Gatherer {
  readonly #core: HeadNodeCore
  readonly #member: GroupMember
  readonly #retryMs: number
  readonly #stream: string
  /** Entries to try again: waiting for a visit-level worker, or met an error. By stream id. */
  readonly #waiting = new Map<string, PendingEntry>()
  #lastRetry = 0

  constructor(core: HeadNodeCore, options: GatherOptions) {
    this.#core = core
    this.#stream = core.redis.keys.key('completions', { instrument: core.instrument })
    this.#member = {
      stream: this.#stream,
      group: options.group,
      consumer: options.consumer ?? `${hostname()}/${process.pid}`,
    }
    this.#retryMs = options.retryMs
  }

  get pending(): number {
    return this.#waiting.size
  }

  get consumer(): string {
    return this.#member.consumer
  }

  async run(blocking: Redis): Promise<void> {
    const { signal, logger } = this.#core
    let started = false
    while (!signal.aborted) {
      try {
        if (!started) {
          await this.#start()
          started = true
        }
        if (this.#waiting.size > 0 && Date.now() - this.#lastRetry >= this.#retryMs) await this.#retryWaiting()
        for (const entry of await readGroup(blocking, this.#member, '>', this.#blockMs())) {
          if (signal.aborted) break
          await this.#handleOrRetry(entry)
        }
      } catch (error) {
        if (signal.aborted) break
        // The group is gone (stream deleted by hand, Redis data lost): set it up again and re-read.
        if (String((error as Error).message).includes('NOGROUP')) started = false
        logger.error({ err: error }, 'gather loop: error; retrying')
        await sleep(ERROR_PAUSE_MS, signal)
      }
    }
  }

  #blockMs(): number {
    return this.#waiting.size > 0 ? Math.max(1, Math.min(BLOCK_MS, this.#retryMs)) : BLOCK_MS
  }

  async #start(): Promise<void> {
    const { client } = this.#core.redis
    await ensureGroup(client, this.#member)
    await claimAllPending(client, this.#member, this.#core.signal)
    await forgetIdleConsumers(client, this.#member)
    this.#waiting.clear()
    let from = '0'
    for (;;) {
      const entries = await readGroup(client, this.#member, from)
      if (entries.length === 0) break
      for (const entry of entries) await this.#handleOrRetry(entry)
      from = entries[entries.length - 1]?.id ?? from
    }
  }

  async #retryWaiting(): Promise<void> {
    this.#lastRetry = Date.now()
    for (const entry of [...this.#waiting.values()]) {
      if (this.#core.signal.aborted) return
      await this.#handleOrRetry(entry)
    }
  }

  /** An entry whose handling fails stays pending in Redis; keep it here too, to try again. */
  async #handleOrRetry(entry: PendingEntry): Promise<void> {
    try {
      await this.#handle(entry)
    } catch (error) {
      if (this.#core.signal.aborted) return
      this.#core.logger.error({ err: error, id: entry.id }, 'gather: error; will retry')
      this.#keep(entry)
    }
  }

  #keep(entry: PendingEntry): void {
    this.#waiting.set(entry.id, entry)
    this.#core.metrics.pendingGathers.set(this.#waiting.size)
  }

  async #handle(entry: PendingEntry): Promise<void> {
    const core = this.#core
    if (entry.data === undefined) {
      // Trimmed away (MAXLEN) while pending, or written without a data field: nothing to gather.
      core.logger.warn({ id: entry.id, deleted: entry.deleted }, 'completions entry has no data; acknowledged')
      if (!entry.deleted) return this.#refuse(entry, 'the entry has no data field')
      await core.redis.client.xack(this.#stream, this.#member.group, entry.id)
      this.#forget(entry)
      return
    }
    const parsed = parseMessage('GatherReady', entry.data)
    if (!parsed.ok) return this.#refuse(entry, formatIssues(parsed.issues))
    const ready = parsed.value
    if (ready.instrument !== core.instrument) {
      return this.#refuse(entry, `GatherReady for ${ready.instrument} on the ${core.instrument} completions stream`)
    }
    if (!parseProcessingId(ready.processingId).ok)
      return this.#refuse(entry, `'${ready.processingId}' is not canonical`)
    await this.#dispatch(entry, ready)
  }

  async #refuse(entry: PendingEntry, reason: string): Promise<void> {
    const core = this.#core
    core.counts.gatherEntriesInvalid++
    core.metrics.gathers.inc({ who: 'unknown', outcome: 'invalid' })
    await core.deadLetters({ source: this.#stream, code: 'RA_GATHER_READY_INVALID', reason, input: entry.data ?? '' })
    await core.redis.client.xack(this.#stream, this.#member.group, entry.id)
    this.#forget(entry)
  }

  #forget(entry: PendingEntry): void {
    this.#waiting.delete(entry.id)
    this.#core.metrics.pendingGathers.set(this.#waiting.size)
  }

  async #dispatch(entry: PendingEntry, ready: GatherReady): Promise<void> {
    const core = this.#core
    const { redis, instrument } = core
    const flavour = STEP1B_FLAVOUR[ready.who]
    if (flavour === undefined) {
      // ISR (calibs) and ONE_OFF have no visit-level step: the gather only closes the books.
      await redis.client.xack(this.#stream, this.#member.group, entry.id)
      this.#forget(entry)
      core.counts.gathersWithoutStep++
      core.metrics.gathers.inc({ who: ready.who, outcome: 'no-step' })
      core.logger.info(
        { processingId: ready.processingId, who: ready.who },
        'gather complete; no visit-level step for this who',
      )
      return
    }
    const workers = await readWorkers(redis, instrument)
    const target = workers.singleTarget(flavour)
    if (target === undefined) {
      if (!this.#waiting.has(entry.id)) {
        core.logger.warn(
          { processingId: ready.processingId, who: ready.who },
          `no ${flavour} registered; gather kept pending`,
        )
        this.#keep(entry)
      }
      return
    }
    const pipeline = ready.who === 'AOS' ? await this.#aosPipeline(ready.processingId) : 'SFM'
    const visits = parseProcessingId(ready.processingId)
    const payload = step1bPayload(
      { instrument, run: core.run, enqueuedAt: new Date().toISOString() },
      ready.processingId,
      visits.ok ? visits.value : [],
      { who: ready.who, pipeline },
    )
    const checked = validate('Payload', payload)
    if (!checked.ok) return this.#refuse(entry, `the step1b payload would be invalid: ${formatIssues(checked.issues)}`)
    const batch = new AtomicBatch()
      .guardAck(this.#stream, this.#member.group, entry.id)
      .enqueue(redis.keys.key('workerQueue', { workerId: target }), JSON.stringify(payload))
    let mosaicTarget: string | undefined
    if (ready.who === 'SFM' && visits.ok && visits.value.length === 1) {
      mosaicTarget = workers.singleTarget(MOSAIC_FLAVOUR)
    }
    if (mosaicTarget !== undefined && visits.ok) {
      const mosaic = oneOffPayload(
        { instrument, run: core.run, enqueuedAt: payload.enqueuedAt },
        visits.value[0] as number,
        MOSAIC_TASK,
      )
      const mosaicChecked = validate('Payload', mosaic)
      if (!mosaicChecked.ok) {
        return this.#refuse(entry, `the mosaic payload would be invalid: ${formatIssues(mosaicChecked.issues)}`)
      }
      batch.enqueue(redis.keys.key('workerQueue', { workerId: mosaicTarget }), JSON.stringify(mosaic))
    }
    if (ready.who === 'AOS') {
      // Today's MTAOS contract: field = visit id, value = how many Zernike results to expect.
      batch.hset(redis.keys.key('wepProcessingResult', { instrument }), {
        [ready.processingId]: String(ready.expected),
      })
    }
    const outcome = await batch.run(redis.client)
    this.#forget(entry)
    if (outcome !== 'applied') {
      core.logger.debug({ id: entry.id }, 'GatherReady already acknowledged; nothing queued')
      return
    }
    const latencyMs = Date.now() - Date.parse(ready.at)
    core.counts.gathersDispatched++
    core.metrics.gathers.inc({ who: ready.who, outcome: 'dispatched' })
    core.metrics.payloads.inc({ flavour })
    if (Number.isFinite(latencyMs))
      core.metrics.gatherLatency.observe({ who: ready.who }, Math.max(0, latencyMs) / 1000)
    core.logger.info(
      {
        processingId: ready.processingId,
        who: ready.who,
        pipeline,
        worker: target,
        mosaicWorker: mosaicTarget,
        failed: ready.failedDetectors.length,
        latencyMs,
      },
      'visit-level step queued',
    )
  }

  /** The AOS pipeline recorded at fan-out; the one in effect now if the record has expired. */
  async #aosPipeline(processingId: string): Promise<Pipeline> {
    const core = this.#core
    const stored = await core.redis.client.get(
      core.redis.keys.key('aosPipeline', { instrument: core.instrument, processingId }),
    )
    const parsed = Pipeline.parse(stored ?? '')
    if (parsed.ok) return parsed.value
    core.logger.warn({ processingId, stored }, 'no AOS pipeline recorded for this id; using the one in effect')
    return core.state.controls.AOS_PIPELINE
  }
}
