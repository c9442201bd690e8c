// ----------------------------------------------------------------------------
// The RubinTV reference consumer as a ServiceSpec (usable in-process by tests).
// It serves what it knows at once and fills in behind: the current day of every
// camera is listed in the background at start and then every
// RUBINTV_RECONCILE_MS, notifications apply as they arrive, and other days are
// listed when a browser asks for them. Nothing ever waits for a full scan.
// ----------------------------------------------------------------------------
import {
  type Camera,
  cameraSpec,
  camerasAt,
  type DayObs,
  dayObsOf,
  LOCATIONS,
  type Location,
  type MetadataTable,
  type RubinTvProduct,
} from '@rubin/ra-contract'
import { type ServiceSpec, s3SettingsFrom } from '@rubin/ra-runtime'
import type { Redis } from 'ioredis'
import { createAuth } from './auth.ts'
import { adminLists, locationTargets, RubinTvConfig } from './config.ts'
import { Catalog } from './discovery/catalog.ts'
import { runNotificationLoop } from './discovery/notifications.ts'
import { Reconciler } from './discovery/reconcile.ts'
import { buildApp } from './http/app.ts'
import { Hub, type ResolvedTopic, type SnapshotData } from './hub.ts'
import { ClusterStatusReader } from './live/cluster-status.ts'
import { Controls } from './live/controls.ts'
import { readNightReport } from './night-report.ts'
import { ProductIndex } from './product-index.ts'
import { openBucket } from './s3.ts'

export interface RubinTvOptions {
  /** The observing day now (tests move it to see a rollover). */
  readonly today?: () => DayObs
  /** How often the day is checked for a rollover (ms). */
  readonly rolloverCheckMs?: number
}

export interface RubinTvRunning {
  /** The web server's base URL, e.g. http://127.0.0.1:8080 */
  readonly url: string
  /** Run one reconcile pass now (tests; also what the timer does). */
  reconcile(): Promise<void>
  /** Camera-days held in memory (the past ones are bounded by RUBINTV_MAX_PAST_DAYS). */
  daysInMemory(): number
}

/** Historical days are listed again when older than this on a new subscription. */
const HISTORY_STALE_MS = 60_000

function metadataSource(camera: Camera): Camera {
  return cameraSpec(camera).metadataFrom ?? camera
}

export function rubintvService(options: RubinTvOptions = {}): ServiceSpec<typeof RubinTvConfig> {
  return {
    name: 'rubintv',
    config: RubinTvConfig,
    async start(context) {
      const { config, redis, logger, signal } = context
      const today = options.today ?? (() => dayObsOf(new Date()))
      const targets = locationTargets(config)
      const locations = targets.map((t) => t.location)
      const { endpoint: _shared, ...s3Access } = s3SettingsFrom(config)
      const buckets = new Map(targets.map((t) => [t.location, openBucket(t, s3Access)]))
      const auth = createAuth(config.RUBINTV_USER_HEADER, adminLists(config, locations))
      // Bound memory: past days nobody watches are dropped, least recently used first.
      let hubRef: Hub | undefined
      const index = new ProductIndex({
        maxPastDays: config.RUBINTV_MAX_PAST_DAYS,
        currentDay: () => hubRef?.currentDay ?? today(),
        pinned: (location, camera, dayObs) =>
          hubRef
            ?.activeTopics()
            .some(
              (t) =>
                t.kind === 'cameraTable' &&
                t.location === location &&
                t.dayObs === dayObs &&
                (t.camera === camera || metadataSource(t.camera) === camera),
            ) ?? false,
      })
      const catalog = new Catalog({ index, buckets, logger, deadLetters: context.deadLetters })
      const reconciler = new Reconciler(catalog, logger, config.RUBINTV_LIST_CONCURRENCY)
      const cluster = new ClusterStatusReader()
      const controls = new Controls(redis, logger)

      const tableSnapshot = (location: Location, camera: Camera, dayObs: DayObs): SnapshotData => {
        reconciler.ensureDay(location, camera, dayObs, HISTORY_STALE_MS)
        const source = metadataSource(camera)
        if (source !== camera) reconciler.ensureDay(location, source, dayObs, HISTORY_STALE_MS)
        const day = index.day(location, camera, dayObs)
        const events: Record<string, Record<string, RubinTvProduct>> = {}
        for (const [seq, channels] of day.events) events[String(seq)] = Object.fromEntries(channels)
        const metadata: MetadataTable = index.day(location, source, dayObs).metadata
        return { kind: 'cameraTable', dayObs, events, perDay: Object.fromEntries(day.perDay), metadata }
      }
      const snapshot = (topic: ResolvedTopic): SnapshotData => {
        switch (topic.kind) {
          case 'cameraTable':
            return tableSnapshot(topic.location, topic.camera, topic.dayObs)
          case 'currentChannel': {
            reconciler.ensureDay(topic.location, topic.camera, topic.dayObs, HISTORY_STALE_MS)
            const product = index.day(topic.location, topic.camera, topic.dayObs).newest(topic.channel)
            return { kind: 'currentChannel', dayObs: topic.dayObs, product: product ?? null }
          }
          case 'clusterStatus':
            return { kind: 'clusterStatus', sets: Object.fromEntries(cluster.latest) }
          case 'controlReadbacks':
            return { kind: 'controlReadbacks', controls: Object.fromEntries(controls.state) }
        }
      }
      const hub = new Hub({ runId: Date.now().toString(36), today, snapshot })
      hubRef = hub
      const nightReport = async (location: Location, camera: Camera, dayObs: DayObs) => {
        if (index.day(location, camera, dayObs).listedAt === 0) await reconciler.listDay(location, camera, dayObs)
        return readNightReport(location, camera, dayObs, {
          index,
          bucket: buckets.get(location),
          deadLetters: context.deadLetters,
        })
      }

      index.onChange((location, camera, dayObs, change) => {
        if (change.kind === 'product') {
          hub.publish({ kind: 'cameraTable', location, camera, dayObs }, change)
          const { channel } = change.product
          if (index.day(location, camera, dayObs).newest(channel)?.key === change.product.key) {
            hub.publish({ kind: 'currentChannel', location, camera, channel, dayObs }, change)
          }
          return
        }
        const rows = { kind: 'metadata' as const, rows: change.rows }
        for (const shown of camerasAt(location)) {
          if (metadataSource(shown) === camera)
            hub.publish({ kind: 'cameraTable', location, camera: shown, dayObs }, rows)
        }
      })
      cluster.onEntry((set, entry) => {
        for (const location of locations) {
          if (LOCATIONS[location].hasClusterStatus) {
            hub.publish({ kind: 'clusterStatus', location }, { kind: 'clusterStatus', set, entry })
          }
        }
      })
      controls.onChange((control, state) => {
        for (const location of locations) {
          hub.publish({ kind: 'controlReadbacks', location }, { kind: 'readback', control, state })
        }
      })

      await controls.load()
      const app = await buildApp({
        locations,
        buckets,
        auth,
        hub,
        controls,
        adminRatePerMinute: config.RUBINTV_ADMIN_RATE_PER_MIN,
        table: tableSnapshot,
        nightReport,
      })
      const url = await app.listen({ port: config.RUBINTV_PORT, host: config.RUBINTV_HOST })
      logger.info({ url, locations }, 'rubintv listening')

      const connections: Redis[] = []
      const connection = (name: string) => {
        const made = redis.blocking(name)
        connections.push(made)
        return made
      }
      signal.addEventListener('abort', () => {
        for (const c of connections) c.disconnect()
      })
      const reconcile = () => reconciler.pass(locations, hub.currentDay)
      // In the background: the server answers (with what it knows) while the first pass runs.
      void reconcile()
      const reconcileTimer = setInterval(() => void reconcile(), config.RUBINTV_RECONCILE_MS)
      const rolloverTimer = setInterval(() => {
        if (hub.checkRollover()) void reconcile()
      }, options.rolloverCheckMs ?? 1000)
      const common = { redis, logger, deadLetters: context.deadLetters, signal }
      const loops = [
        config.RUBINTV_NOTIFICATIONS
          ? runNotificationLoop({ ...common, connection: connection('notifications'), catalog, locations })
          : Promise.resolve(),
        cluster.run({ ...common, connection: connection('cluster-status') }),
        controls.run({
          streamConnection: connection('readbacks'),
          subscriber: connection('keyspace'),
          signal,
          pollMs: 5000,
        }),
      ].map((loop) => loop.catch((error: Error) => logger.error({ err: error.message }, 'loop ended')))

      const running: RubinTvRunning & import('@rubin/ra-runtime').Running = {
        url,
        reconcile,
        daysInMemory: () => index.size,
        status: () => ({
          url,
          locations,
          today: hub.currentDay,
          topics: hub.activeTopics().length,
          daysInMemory: index.size,
        }),
        async stop() {
          clearInterval(reconcileTimer)
          clearInterval(rolloverTimer)
          await app.close()
          for (const c of connections) c.disconnect()
          await Promise.allSettled(loops)
        },
      }
      return running
    },
  }
}
