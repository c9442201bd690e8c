// @rubin/ra-runtime: what every RA service shares.
export { ConfigError, loadConfig } from './config.ts'
export { createDeadLetters, type DeadLetterInput, type DeadLetters } from './dead-letter.ts'
export {
  type Backlog,
  createGroupReader,
  entryTimeMs,
  type GroupBatch,
  type GroupReaderOptions,
  trackBacklog,
} from './group-reader.ts'
export { type StatusServer, type StatusServerOptions, startStatusServer } from './http.ts'
export { createLogger, type Logger } from './logger.ts'
export { Counter, createMetrics, Gauge, Histogram, Registry } from './metrics.ts'
export {
  ProductKeyError,
  ProductStore,
  type ProductStoreOptions,
  type ProductWrite,
  type ProductWriteResult,
} from './product-store.ts'
export { QUEUE_INSERT_LUA } from './queue-order.ts'
export { connectRedis, type RedisHandle, type RedisSettings, redact } from './redis.ts'
export { createS3Client, readObject, S3Config, type S3Settings, s3SettingsFrom } from './s3.ts'
export { defineScript, type Script, type ScriptArg } from './scripts.ts'
export {
  CommonConfig,
  type Running,
  runService,
  type ServiceContext,
  type ServiceSpec,
  type StartedService,
  startService,
} from './service.ts'
export { entriesOf, type StreamEntry, toEntries, xaddJson } from './streams.ts'
export { sleep, utcNow } from './time.ts'
export { isTransientError } from './transient.ts'
