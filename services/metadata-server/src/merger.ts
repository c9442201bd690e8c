// ----------------------------------------------------------------------------
// The loop: read shards (consumer group) → validate (bad ones become dead
// letters) → deep-merge into the camera-day tables → upload each changed table
// once → in one MULTI, publish its ObjectWritten and acknowledge its shards.
// Nothing is acknowledged before the table holding it is in S3, so an S3
// outage or a crash loses nothing: the shards stay pending and are re-read
// (on retry, or by the next run, which starts from S3's current objects).
// Replayed shards mark their rows changed, so a table uploaded just before a
// crash (but not yet announced) is uploaded and announced again.
// ----------------------------------------------------------------------------
import {
  CONSUMER_GROUPS,
  type MetadataShard,
  type ObjectWritten,
  redisKeyMaxLength,
  STREAM_DATA_FIELD,
} from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import {
  Counter,
  createGroupReader,
  type DeadLetters,
  entryTimeMs,
  Histogram,
  type Logger,
  type RedisHandle,
  type Registry,
  type StreamEntry,
  sleep,
  trackBacklog,
} from '@rubin/ra-runtime'
import type { TableObjects } from './objects.ts'
import { readShard } from './shard.ts'
import { type DayTable, Tables } from './tables.ts'

export interface MergerOptions {
  readonly redis: RedisHandle
  readonly objects: TableObjects
  readonly bucket: string
  readonly deadLetters: DeadLetters
  readonly logger: Logger
  readonly metrics: Registry
  readonly signal: AbortSignal
  readonly consumer: string
  readonly batchMs: number
  readonly batchMax: number
  readonly keepTables: number
  readonly retryMaxMs: number
}

export interface MergerCounts {
  shards: number
  invalid: number
  unchanged: number
  uploads: number
  uploadFailures: number
  notifications: number
}

export interface MergerStatus {
  readonly grouped: boolean
  readonly tablesInMemory: number
  readonly waitingTables: number
  readonly counts: MergerCounts
  readonly backlog: { readonly pending: number; readonly undelivered: number | null } | null
  readonly failing: { readonly since: string; readonly error: string; readonly retryInMs: number } | null
  readonly lastUploadMs: number | null
}

export interface Merger {
  readonly done: Promise<void>
  ready(): boolean
  status(): MergerStatus
}

const FIRST_RETRY_MS = 50

export function startMerger(o: MergerOptions): Merger {
  const { redis, logger, signal } = o
  const key = redis.keys.key('metadataShards')
  const group = CONSUMER_GROUPS.metadataShards
  const notifyStream = redis.keys.key('objectWritten')
  const reader = redis.blocking('metadata-shards')
  signal.addEventListener('abort', () => reader.disconnect(), { once: true })
  const groupReader = createGroupReader({
    reader,
    client: redis.client,
    key,
    group,
    consumer: o.consumer,
    count: o.batchMax,
    windowMs: o.batchMs,
    signal,
  })
  const tables = new Tables({
    objects: o.objects,
    keep: o.keepTables,
    onUnreadable: (tableKey, text, error) =>
      o.deadLetters({ source: tableKey, code: error.code, reason: error.message, input: text }),
  })
  const counts: MergerCounts = { shards: 0, invalid: 0, unchanged: 0, uploads: 0, uploadFailures: 0, notifications: 0 }
  const latency = new Histogram({
    name: 'ra_metadata_shard_to_upload_seconds',
    help: 'From a shard entering the stream to its table being in S3',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10],
    registers: [o.metrics],
  })
  const uploads = new Counter({
    name: 'ra_metadata_uploads_total',
    help: 'metadata.json uploads, by outcome',
    labelNames: ['outcome'],
    registers: [o.metrics],
  })
  let grouped = false
  let failing: { since: string; error: string; retryInMs: number } | null = null
  let backlog: MergerStatus['backlog'] = null
  let lastUploadMs: number | null = null

  async function take(entry: StreamEntry, replayed: boolean): Promise<void> {
    counts.shards++
    const read = readShard(entry.data)
    if (!read.ok) {
      counts.invalid++
      await o.deadLetters({
        source: `${key}#${entry.id}`,
        code: read.code,
        reason: read.reason,
        input: entry.data ?? '',
      })
      await redis.client.xack(key, group, entry.id)
      return
    }
    const shard: MetadataShard = read.shard
    const day = await tables.get(shard.camera, shard.dayObs)
    if (tables.merge(day, entry.id, shard.rows, replayed).length === 0 && !replayed) counts.unchanged++
  }

  async function publish(day: DayTable): Promise<void> {
    const ids = [...day.pending]
    const changedSeqs = [...day.dirty].sort((a, b) => a - b)
    const multi = redis.client.multi()
    if (changedSeqs.length > 0) {
      const started = Date.now()
      const body = JSON.stringify(day.table)
      let etag: string | undefined
      try {
        ;({ etag } = await o.objects.write(day.key, body))
      } catch (error) {
        counts.uploadFailures++
        uploads.inc({ outcome: 'failed' })
        throw error
      }
      counts.uploads++
      uploads.inc({ outcome: 'ok' })
      const done = Date.now()
      lastUploadMs = done - started
      for (const id of ids) latency.observe(Math.max(0, done - entryTimeMs(id)) / 1000)
      const message: ObjectWritten = {
        kind: 'metadata',
        bucket: o.bucket,
        key: day.key,
        camera: day.camera,
        dayObs: day.dayObs,
        ...(etag ? { etag } : {}),
        size: Buffer.byteLength(body),
        changedSeqs,
        producer: 'metadata-server',
        writtenAt: new Date(done).toISOString(),
      }
      const checked = validate('ObjectWritten', message)
      // Our own message: if it is wrong that is a bug to log, but the table is in S3 and shards must still be acked.
      if (checked.ok) {
        multi.xadd(
          notifyStream,
          'MAXLEN',
          '~',
          redisKeyMaxLength('objectWritten'),
          '*',
          STREAM_DATA_FIELD,
          JSON.stringify(message),
        )
        counts.notifications++
      } else logger.error({ issues: checked.issues, key: day.key }, 'ObjectWritten does not match the contract')
    }
    multi.xack(key, group, ...ids)
    await multi.exec()
    tables.settle(day)
  }

  async function flush(): Promise<void> {
    const waiting = tables.waiting()
    const results = await Promise.allSettled(waiting.map(publish))
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (failed) throw failed.reason
  }

  async function loop(): Promise<void> {
    let retryMs = FIRST_RETRY_MS
    while (!signal.aborted) {
      try {
        if (!grouped) {
          await groupReader.ensureGroup()
          grouped = true
        }
        const batch = await groupReader.next()
        for (const entry of batch.entries) await take(entry, batch.replayed)
        await flush()
        if (failing) logger.info({ after: failing.since }, 'metadata uploads work again')
        failing = null
        retryMs = FIRST_RETRY_MS
      } catch (error) {
        if (signal.aborted) break
        const message = (error as Error).message
        if (message.includes('NOGROUP')) grouped = false
        // The failed batch's shards are still pending: read them again (in order) after the wait.
        groupReader.rewind()
        failing = { since: failing?.since ?? new Date().toISOString(), error: message, retryInMs: retryMs }
        logger.warn(
          { err: message, retryInMs: retryMs, waitingTables: tables.waiting().length },
          'merge failed; retrying',
        )
        await sleep(retryMs, signal)
        retryMs = Math.min(retryMs * 2, o.retryMaxMs)
      }
    }
  }

  const done = Promise.all([
    loop(),
    trackBacklog(
      groupReader,
      () => grouped,
      (b) => {
        backlog = b
      },
      signal,
    ),
  ]).then(() => undefined)
  return {
    done,
    ready: () => grouped,
    status: () => ({
      grouped,
      tablesInMemory: tables.size,
      waitingTables: tables.waiting().length,
      counts: { ...counts },
      backlog,
      failing,
      lastUploadMs,
    }),
  }
}
