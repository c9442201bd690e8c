// ----------------------------------------------------------------------------
// The metadata server's environment: S3 (the runtime's S3Config: endpoint,
// region, keys, bucket) plus how shards are batched and retried.
// ----------------------------------------------------------------------------
import { S3Config } from '@rubin/ra-runtime'
import { type Static, Type } from '@sinclair/typebox'

export const MetadataServerConfig = Type.Composite([
  S3Config,
  Type.Object({
    RA_METADATA_BATCH_MS: Type.Integer({
      default: 5,
      minimum: 0,
      maximum: 1000,
      description: 'ms to wait after the first shard for more, so one upload covers a burst (0: no wait)',
    }),
    RA_METADATA_BATCH_MAX: Type.Integer({
      default: 500,
      minimum: 1,
      maximum: 10_000,
      description: 'most shards read and merged per batch',
    }),
    RA_METADATA_KEEP_TABLES: Type.Integer({
      default: 16,
      minimum: 1,
      description: 'camera-day tables kept in memory when idle (others are re-read from S3 when touched)',
    }),
    RA_METADATA_RETRY_MAX_MS: Type.Integer({
      default: 5000,
      minimum: 10,
      description: 'longest wait between retries while S3 (or Redis) fails; doubles from 50 ms',
    }),
    RA_METADATA_CONSUMER: Type.String({
      default: 'metadata-server',
      minLength: 1,
      description: 'consumer name in the group: keep it stable so a restart re-reads its own unacknowledged shards',
    }),
  }),
])
export type MetadataServerConfig = Static<typeof MetadataServerConfig>
