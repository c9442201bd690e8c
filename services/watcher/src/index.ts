// @rubin/ra-watcher: the watcher service, for in-process use (tests, scenarios).
export { ANNOUNCE_LUA, type Announcer, createAnnouncer, trimRange } from './announce.ts'
export { WatcherConfig } from './config.ts'
export type { Source, SourceCounts } from './intake.ts'
export { decodeObjectKey, recordKeysOf } from './notifications.ts'
export { directoryRawStore, type RawObject, type RawStore, RawStoreError } from './raw-store.ts'
export { type WatcherOptions, watcherService } from './service.ts'
export { NOTIFICATIONS_PATH, type WebhookSummary } from './webhook.ts'
