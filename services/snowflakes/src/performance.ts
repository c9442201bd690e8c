// ----------------------------------------------------------------------------
// The performance monitor: reads the instrument's payloadTimings and completions
// streams (plain XREAD: it only watches, so it takes no consumer group and never
// competes with the head node), keeps each exposure's timings, and when a
// GatherReady says a branch completed, renders its timing diagram
// (ra_performance timing_diagram for SFM/ISR, aos_timing for AOS) and uploads it
// under the exposure's day_obs and seq. Invalid entries are dead-lettered.
// At start, timings of the last RA_TIMINGS_LOOKBACK_S seconds are read back, so a
// restart between an exposure's payloads and its gather loses nothing; gathers
// are read from the start time on.
// ----------------------------------------------------------------------------
import {
  buildS3Key,
  type GatherReady,
  type Instrument,
  type PayloadTiming,
  parseExposureId,
  parseProcessingId,
} from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { renderTimingDiagram } from '@rubin/ra-products'
import { type DeadLetters, entriesOf, type Logger, type ProductStore, type RedisHandle } from '@rubin/ra-runtime'
import { timingChannel } from './channels.ts'
import { TimingIndex } from './timings.ts'

export interface PerformanceMonitorOptions {
  readonly instrument: Instrument
  readonly redis: RedisHandle
  readonly products: Pick<ProductStore, 'put'>
  readonly deadLetters: DeadLetters
  readonly logger: Logger
  readonly lookbackSeconds: number
  readonly signal: AbortSignal
  /** XREAD block time, ms. */
  readonly blockMs?: number
}

export interface MonitorStats {
  rendered: number
  failed: number
  lastKey: string | undefined
}

/** Day and seq of a processing id's first exposure. */
export function exposureOfProcessingId(processingId: string): { dayObs: number; seq: number } | undefined {
  const ids = parseProcessingId(processingId)
  if (!ids.ok) return undefined
  const parsed = parseExposureId(ids.value[0])
  return parsed.ok ? { dayObs: parsed.value.dayObs, seq: parsed.value.seqNum } : undefined
}

export function startPerformanceMonitor(options: PerformanceMonitorOptions) {
  const { instrument, redis, logger, signal } = options
  const timingsKey = redis.keys.key('payloadTimings', { instrument })
  const completionsKey = redis.keys.key('completions', { instrument })
  const index = new TimingIndex(Math.max(options.lookbackSeconds, 60) * 1000)
  const stats: MonitorStats = { rendered: 0, failed: 0, lastKey: undefined }
  // A blocking XREAD needs its own connection: the shared one serves everything else.
  const reader = redis.blocking('performance-monitor')

  async function render(ready: GatherReady): Promise<void> {
    const channel = timingChannel(instrument, ready.who)
    const timings = index.take(ready.processingId, ready.who)
    const at = exposureOfProcessingId(ready.processingId)
    if (channel === undefined || at === undefined || timings.length === 0) {
      logger.debug({ processingId: ready.processingId, who: ready.who, n: timings.length }, 'no timing diagram')
      return
    }
    const plot = await renderTimingDiagram(timings, {
      title: `${ready.who} timing — ${at.dayObs} seq ${at.seq}`,
    })
    const key = buildS3Key({ kind: 'event', ...channel, dayObs: at.dayObs, seq: at.seq, ext: plot.ext })
    if (!key.ok) throw new Error(`timing diagram key: ${key.issues.map((i) => i.message).join('; ')}`)
    await options.products.put({ key: key.value, body: plot.bytes, contentType: plot.mimeType })
    stats.rendered++
    stats.lastKey = key.value
    logger.info({ key: key.value, payloads: timings.length }, 'timing diagram uploaded')
  }

  async function handleTiming(id: string, data: string | undefined) {
    const parsed = parseMessage('PayloadTiming', data ?? '')
    if (!parsed.ok) {
      await options.deadLetters({
        source: timingsKey,
        code: 'RA_SNOWFLAKES_BAD_ENTRY',
        reason: `payloadTimings entry ${id} is not a PayloadTiming: ${parsed.issues.map((i) => i.message).join('; ')}`,
        input: data ?? '',
      })
      return
    }
    index.add(parsed.value as PayloadTiming)
  }

  async function handleCompletion(id: string, data: string | undefined) {
    const parsed = parseMessage('GatherReady', data ?? '')
    if (!parsed.ok) {
      await options.deadLetters({
        source: completionsKey,
        code: 'RA_SNOWFLAKES_BAD_ENTRY',
        reason: `completions entry ${id} is not a GatherReady: ${parsed.issues.map((i) => i.message).join('; ')}`,
        input: data ?? '',
      })
      return
    }
    try {
      await render(parsed.value as GatherReady)
    } catch (error) {
      stats.failed++
      logger.error({ err: error, processingId: parsed.value.processingId }, 'timing diagram failed')
    }
  }

  const loop = (async () => {
    let timingsFrom = `${Math.max(0, Date.now() - options.lookbackSeconds * 1000)}-0`
    let completionsFrom = `${Date.now()}-0`
    while (!signal.aborted) {
      try {
        const reply = (await reader.xread(
          'BLOCK',
          options.blockMs ?? 1000,
          'STREAMS',
          timingsKey,
          completionsKey,
          timingsFrom,
          completionsFrom,
        )) as Parameters<typeof entriesOf>[0]
        // Timings first: a gather's last timing is written in the same script, before it.
        for (const entry of entriesOf(reply, timingsKey)) {
          await handleTiming(entry.id, entry.data)
          timingsFrom = entry.id
        }
        for (const entry of entriesOf(reply, completionsKey)) {
          await handleCompletion(entry.id, entry.data)
          completionsFrom = entry.id
        }
        index.prune()
      } catch (error) {
        if (signal.aborted) break
        logger.warn({ err: error }, 'performance monitor: Redis read failed, retrying')
        await new Promise((r) => setTimeout(r, 500))
      }
    }
  })()

  return {
    stats,
    pending: () => index.size,
    async stop() {
      reader.disconnect()
      await loop
    },
  }
}
