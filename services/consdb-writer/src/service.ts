// ----------------------------------------------------------------------------
// The ConsDB writer (one per site): upserts RA's quicklook rows from the
// consdbRows stream into ConsDB (PostgreSQL), announces each row in
// consdbAnnounced, and survives database outages without losing a row.
// ----------------------------------------------------------------------------
import type { ServiceSpec } from '@rubin/ra-runtime'
import { ConsdbWriterConfig } from './config.ts'
import { createPool } from './pg.ts'
import { startWriter } from './writer.ts'

export function consdbWriterService(): ServiceSpec<typeof ConsdbWriterConfig> {
  return {
    name: 'consdb-writer',
    config: ConsdbWriterConfig,
    async start(context) {
      const { config, redis, logger, metrics, deadLetters, signal } = context
      const pool = createPool({
        connectionString: config.RA_CONSDB_URL,
        max: config.RA_CONSDB_POOL_SIZE,
        connectTimeoutMs: config.RA_CONSDB_CONNECT_TIMEOUT_MS,
        queryTimeoutMs: config.RA_CONSDB_QUERY_TIMEOUT_MS,
        onError: (error) => logger.warn({ err: error.message }, 'idle PostgreSQL connection lost'),
      })
      const writer = startWriter({
        redis,
        pool,
        connectionString: config.RA_CONSDB_URL,
        deadLetters,
        logger,
        metrics,
        signal,
        consumer: config.RA_CONSDB_CONSUMER,
        migrate: config.RA_CONSDB_MIGRATE,
        createDatabase: config.RA_CONSDB_CREATE_DATABASE,
        batchMs: config.RA_CONSDB_BATCH_MS,
        batchMax: config.RA_CONSDB_BATCH_MAX,
        retryMaxMs: config.RA_CONSDB_RETRY_MAX_MS,
      })
      const where = new URL(config.RA_CONSDB_URL)
      const database = `${where.hostname}:${where.port || 5432}${where.pathname}`
      logger.info({ database, migrate: config.RA_CONSDB_MIGRATE }, 'writing quicklook rows to ConsDB')
      return {
        notReady: () => {
          if (writer.ready()) return []
          const failing = writer.status().failing
          return [`consdb: not migrated or consumer group not created yet${failing ? ` (${failing.error})` : ''}`]
        },
        status: () => ({ database, ...writer.status() }),
        async stop() {
          await writer.done
          await pool.end()
        },
      }
    },
  }
}
