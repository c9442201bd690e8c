// ----------------------------------------------------------------------------
// The polling safety net: every few seconds, list the rawRecord objects of the
// current and previous dayObs and announce any not yet seen. Ids already in
// seenExposures (announced by the webhook or the stream) are skipped without
// reading the object, with one ZMSCORE per poll; keys once settled are
// remembered so a night's worth of records is not re-examined every poll.
// ----------------------------------------------------------------------------
import { type DayObs, dayObsOf, exposureId, type Instrument, parseObsId, previousDayObs } from '@rubin/ra-contract'
import { type Logger, type RedisHandle, sleep } from '@rubin/ra-runtime'
import type { Intake } from './intake.ts'
import { type RawObject, type RawStore, RawStoreError } from './raw-store.ts'

export interface PollSourceOptions {
  readonly redis: RedisHandle
  readonly instrument: Instrument
  readonly store: RawStore
  readonly intake: Intake
  readonly logger: Logger
  readonly signal: AbortSignal
  readonly intervalMs: number
  readonly now: () => Date
}

/** A record younger than this that does not parse may still be being written: look again next poll. */
const SETTLE_MS = 2000

export interface PollSource {
  /** One pass now (tests, and the loop). */
  poll(): Promise<void>
  readonly done: Promise<void>
}

/** The exposure id a rawRecord key stands for, from its obsId alone (no read needed). */
function idOfKey(object: RawObject): number | undefined {
  const obsId = object.key.split('/')[2]
  const parsed = parseObsId(obsId)
  if (!parsed.ok) return undefined
  const { dayObs, seqNum, controller } = parsed.value
  const id = exposureId({ dayObs, seqNum, controller })
  return id.ok ? id.value : undefined
}

export function startPollSource(options: PollSourceOptions): PollSource {
  const { redis, instrument, store, intake, logger, signal } = options
  const seenKey = redis.keys.key('seenExposures', { instrument })
  /** Keys settled (announced, already seen, or dead-lettered), per dayObs polled. */
  let settled = new Map<DayObs, Set<string>>()

  async function pollDay(dayObs: DayObs, done: Set<string>): Promise<void> {
    const objects = (await store.listRecords(instrument, dayObs)).filter((o) => !done.has(o.key))
    if (objects.length === 0) return
    const ids = objects.map(idOfKey)
    const known = ids.filter((id): id is number => id !== undefined)
    const scores = known.length > 0 ? await redis.client.zmscore(seenKey, ...known.map(String)) : []
    const seen = new Set(known.filter((_, i) => scores[i] !== null))
    if (seen.size > 0) intake.known('poll', seen.size)
    for (const [i, object] of objects.entries()) {
      const id = ids[i]
      if (id !== undefined && seen.has(id)) {
        done.add(object.key)
        continue
      }
      const seenAt = Date.now()
      let text: string
      try {
        text = await store.read(object.key)
      } catch (error) {
        if (!(error instanceof RawStoreError)) throw error
        // Listed a moment ago, gone now (or unreadable): the next poll decides.
        intake.unreadable('poll')
        logger.warn({ key: object.key, err: error.message }, 'raw record listed but not readable')
        continue
      }
      const fresh = seenAt - object.modifiedAt.getTime() < SETTLE_MS
      const obsId = object.key.split('/')[2] ?? ''
      if (fresh) {
        // Only a settled file is judged (and possibly dead-lettered): a half-written one would be refused.
        try {
          JSON.parse(text)
        } catch {
          continue
        }
      }
      const outcome = await intake.submit({
        source: 'poll',
        origin: object.key,
        text,
        expect: { instrument, obsId, dayObs },
        seenAt,
      })
      done.add(object.key)
      if (outcome === 'invalid') logger.warn({ key: object.key }, 'raw record refused (see dead letters)')
    }
  }

  async function poll(): Promise<void> {
    const today = dayObsOf(options.now())
    const days = [previousDayObs(today), today]
    // Forget days no longer polled, so the memory is bounded by two nights.
    const next = new Map(days.map((d) => [d, settled.get(d) ?? new Set<string>()]))
    settled = next
    for (const [dayObs, done] of next) await pollDay(dayObs, done)
  }

  async function loop(): Promise<void> {
    while (!signal.aborted) {
      try {
        await poll()
      } catch (error) {
        if (signal.aborted) break
        logger.warn({ err: (error as Error).message, store: store.description }, 'polling the raw store failed')
      }
      await sleep(options.intervalMs, signal)
    }
  }

  return { poll, done: loop() }
}
