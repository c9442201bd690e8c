// ----------------------------------------------------------------------------
// What every source does with a candidate record: parse and check it, announce
// it (or learn it was seen before), count the outcome per source, and time the
// path from "the watcher saw the landing" to the LPUSH. Invalid records become
// dead letters; the caller's loop carries on.
// ----------------------------------------------------------------------------
import { formatIssues } from '@rubin/ra-contract'
import { type DeadLetters, Histogram, type Logger, type Registry } from '@rubin/ra-runtime'
import type { Announcer } from './announce.ts'
import { parseExposureRecord, type RecordExpectation } from './records.ts'

export type Source = 'webhook' | 'stream' | 'poll'
export const SOURCES: readonly Source[] = ['webhook', 'stream', 'poll']

export type Outcome = 'announced' | 'duplicate' | 'invalid'

export interface SourceCounts {
  received: number
  announced: number
  duplicates: number
  invalid: number
  /** Objects a notification or listing named that could not be read. */
  unreadable: number
  lastAnnouncedAt?: string
}

export interface Candidate {
  readonly source: Source
  /** Where it came from, for dead letters: a stream entry, an S3 key, an HTTP route. */
  readonly origin: string
  readonly text: string | undefined
  readonly expect: RecordExpectation
  /** When the watcher first saw the landing (ms since the epoch). */
  readonly seenAt: number
}

export interface Intake {
  submit(candidate: Candidate): Promise<Outcome>
  /** A source could not read an object it was told about. */
  unreadable(source: Source): void
  /** A source found an exposure already announced without needing to read it. */
  known(source: Source, count: number): void
  counts(): Readonly<Record<Source, Readonly<SourceCounts>>>
}

export interface IntakeOptions {
  readonly announcer: Announcer
  readonly deadLetters: DeadLetters
  readonly logger: Logger
  readonly metrics: Registry
}

export function createIntake(options: IntakeOptions): Intake {
  const { announcer, deadLetters, logger } = options
  const latency = new Histogram({
    name: 'ra_watcher_announce_latency_seconds',
    help: 'From the watcher seeing a landing to the record being pushed onto incoming, by source',
    labelNames: ['source'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [options.metrics],
  })
  const counts = Object.fromEntries(
    SOURCES.map((s) => [s, { received: 0, announced: 0, duplicates: 0, invalid: 0, unreadable: 0 }]),
  ) as Record<Source, SourceCounts>

  return {
    async submit(candidate) {
      const tally = counts[candidate.source]
      tally.received++
      const parsed = parseExposureRecord(candidate.text, candidate.expect)
      if (!parsed.ok) {
        tally.invalid++
        await deadLetters({
          source: candidate.origin,
          code: 'RA_EXPOSURE_RECORD_INVALID',
          reason: `not a valid ExposureRecord for ${candidate.expect.instrument}: ${formatIssues(parsed.issues)}`,
          input: candidate.text ?? '',
        })
        return 'invalid'
      }
      const record = parsed.value
      const result = await announcer.announce(record)
      if (result === 'duplicate') {
        tally.duplicates++
        return 'duplicate'
      }
      const seconds = (Date.now() - candidate.seenAt) / 1000
      latency.observe({ source: candidate.source }, Math.max(0, seconds))
      tally.announced++
      tally.lastAnnouncedAt = new Date().toISOString()
      logger.info(
        { exposureId: record.exposureId, obsId: record.obsId, source: candidate.source, latencyS: seconds },
        'exposure announced',
      )
      return 'announced'
    },
    unreadable(source) {
      counts[source].unreadable++
    },
    known(source, count) {
      counts[source].received += count
      counts[source].duplicates += count
    },
    counts: () => counts,
  }
}
