// ----------------------------------------------------------------------------
// The metadata server (one per site): merges MetadataShards from the
// metadataShards stream into the camera-day metadata.json tables in S3 and
// announces each upload with an ObjectWritten (changedSeqs) on objectWritten.
// One instance only: two would overwrite each other's uploads.
// ----------------------------------------------------------------------------
import type { ServiceSpec } from '@rubin/ra-runtime'
import { createS3Client, s3SettingsFrom } from '@rubin/ra-runtime'
import { MetadataServerConfig } from './config.ts'
import { startMerger } from './merger.ts'
import { s3TableObjects, type TableObjects } from './objects.ts'

export interface MetadataServerOptions {
  /** Where tables are read and written; by default S3 from the environment (RA_S3_*). */
  readonly objects?: TableObjects
}

export function metadataServerService(options: MetadataServerOptions = {}): ServiceSpec<typeof MetadataServerConfig> {
  return {
    name: 'metadata-server',
    config: MetadataServerConfig,
    async start(context) {
      const { config, redis, logger, metrics, deadLetters, signal } = context
      // One SDK attempt per request: the merge loop retries with its own backoff and shows the outage in /status.
      const s3 = options.objects ? undefined : createS3Client({ ...s3SettingsFrom(config), maxAttempts: 1 })
      const objects =
        options.objects ?? s3TableObjects(s3 as NonNullable<typeof s3>, config.RA_S3_BUCKET, config.RA_S3_ENDPOINT)
      const merger = startMerger({
        redis,
        objects,
        bucket: config.RA_S3_BUCKET,
        deadLetters,
        logger,
        metrics,
        signal,
        consumer: config.RA_METADATA_CONSUMER,
        batchMs: config.RA_METADATA_BATCH_MS,
        batchMax: config.RA_METADATA_BATCH_MAX,
        keepTables: config.RA_METADATA_KEEP_TABLES,
        retryMaxMs: config.RA_METADATA_RETRY_MAX_MS,
      })
      logger.info({ objects: objects.description, batchMs: config.RA_METADATA_BATCH_MS }, 'merging metadata shards')
      return {
        notReady: () => (merger.ready() ? [] : ['metadataShards: consumer group not created yet']),
        status: () => ({ objects: objects.description, ...merger.status() }),
        async stop() {
          await merger.done
          s3?.destroy()
        },
      }
    },
  }
}
