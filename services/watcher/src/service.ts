// ----------------------------------------------------------------------------
// The watcher (one per instrument): announces each new exposure exactly once
// onto the incoming queue, whichever of its sources sees it first: the object
// store's webhook, the rawLanded stream, or a poll of the raw directory.
// ----------------------------------------------------------------------------
import { stat } from 'node:fs/promises'
import { CONSUMER_GROUPS } from '@rubin/ra-contract'
import type { ServiceSpec } from '@rubin/ra-runtime'
import { createAnnouncer } from './announce.ts'
import { WatcherConfig } from './config.ts'
import { createIntake, type Source } from './intake.ts'
import { type PollSource, startPollSource } from './poll-source.ts'
import { directoryRawStore, type RawStore } from './raw-store.ts'
import { type StreamSource, startStreamSource } from './stream-source.ts'
import { createWebhook } from './webhook.ts'

export interface WatcherOptions {
  /** The raw store; by default a directory store over RA_RAW_ROOT (when set). */
  readonly store?: RawStore
  /** The clock that decides which dayObs the poll looks at (tests pin it). */
  readonly now?: () => Date
}

export function watcherService(options: WatcherOptions = {}): ServiceSpec<typeof WatcherConfig> {
  return {
    name: 'watcher',
    config: WatcherConfig,
    async start(context) {
      const { config, redis, logger, metrics, deadLetters, signal } = context
      const instrument = config.RA_INSTRUMENT
      const store = options.store ?? (config.RA_RAW_ROOT ? directoryRawStore(config.RA_RAW_ROOT) : undefined)
      const intake = createIntake({
        announcer: createAnnouncer(redis, config.RA_SEEN_DAYS),
        deadLetters,
        logger,
        metrics,
      })
      const active: Source[] = []
      let stream: StreamSource | undefined
      let poll: PollSource | undefined
      let route: ReturnType<typeof createWebhook> | undefined

      if (config.RA_RAW_LANDED) {
        stream = startStreamSource({ redis, instrument, group: CONSUMER_GROUPS.rawLanded, intake, logger, signal })
        active.push('stream')
      }
      if (store && config.RA_WEBHOOK) {
        route = createWebhook({ instrument, store, intake, deadLetters, logger })
        active.push('webhook')
      }
      if (store && config.RA_POLL_INTERVAL_S > 0) {
        poll = startPollSource({
          redis,
          instrument,
          store,
          intake,
          logger,
          signal,
          intervalMs: config.RA_POLL_INTERVAL_S * 1000,
          now: options.now ?? (() => new Date()),
        })
        active.push('poll')
      }
      if (!store && (config.RA_WEBHOOK || config.RA_POLL_INTERVAL_S > 0)) {
        logger.warn('no raw store (RA_RAW_ROOT is not set): the webhook and the poll are off')
      }
      if (config.RA_RAW_ROOT && !options.store) {
        // Not fatal (the volume may be mounted late), but an empty poll for ever should not be silent.
        await stat(config.RA_RAW_ROOT).catch(() =>
          logger.warn({ root: config.RA_RAW_ROOT }, 'RA_RAW_ROOT does not exist (yet): nothing to read there'),
        )
      }
      logger.info({ instrument, sources: active, store: store?.description }, 'watching for new exposures')

      return {
        notReady: () => [
          ...(active.length === 0 ? ['no source is enabled'] : []),
          ...(stream && !stream.ready() ? ['rawLanded: consumer group not created yet'] : []),
        ],
        status: () => ({
          instrument,
          sources: active,
          store: store?.description ?? null,
          counts: intake.counts(),
        }),
        ...(route ? { routes: route } : {}),
        async stop() {
          await Promise.all([stream?.done, poll?.done])
        },
      }
    },
  }
}
