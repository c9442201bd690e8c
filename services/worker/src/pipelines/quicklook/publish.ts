// ----------------------------------------------------------------------------
// The two row streams a quicklook runner writes: MetadataShard (RubinTV's
// per-day table, merged by the metadata server) and ConsdbRowBatch (upserted by
// the ConsDB writer). Each message is validated with the contract before the
// XADD, so a bad row fails in the producer, with the field named.
// ----------------------------------------------------------------------------
import {
  CONSDB_SCHEMA_FOR_INSTRUMENT,
  type ConsdbRowBatch,
  formatIssues,
  type Instrument,
  type MetadataShard,
  redisKeyMaxLength,
  type Service,
} from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import { type RedisHandle, xaddJson } from '@rubin/ra-runtime'
import type { ConsdbRows, ShardRows } from './deps.ts'

export class RowMessageError extends Error {
  readonly code = 'RA_WORKER_ROW_INVALID'
  constructor(what: string, problems: string) {
    super(`${what} does not validate against the contract: ${problems}`)
    this.name = 'RowMessageError'
  }
}

/** NaN and ±Infinity have no JSON form: a cell or column that is not finite becomes null. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null
}

export interface RowPublishers {
  publishShard(shard: ShardRows): Promise<void>
  publishConsdbRows(batch: ConsdbRows): Promise<void>
}

export function createRowPublishers(redis: RedisHandle, instrument: Instrument, producer: Service): RowPublishers {
  const shards = redis.keys.key('metadataShards')
  const consdb = redis.keys.key('consdbRows')
  const consdbInstrument = (CONSDB_SCHEMA_FOR_INSTRUMENT as Partial<Record<Instrument, string>>)[instrument]
  return {
    async publishShard(shard) {
      const message: MetadataShard = {
        ...shard,
        rows: { ...shard.rows },
        producer,
        writtenAt: new Date().toISOString(),
      }
      const checked = validate('MetadataShard', message)
      if (!checked.ok) throw new RowMessageError('MetadataShard', formatIssues(checked.issues))
      await xaddJson(redis.client, shards, message, redisKeyMaxLength('metadataShards'))
    },
    async publishConsdbRows(batch) {
      // Instruments without a ConsDB schema (ComCam, test stands) have no quicklook tables.
      if (consdbInstrument === undefined || batch.rows.length === 0) return
      const message = {
        instrument: instrument as ConsdbRowBatch['instrument'],
        table: batch.table,
        ...(batch.controller === undefined ? {} : { controller: batch.controller }),
        rows: batch.rows,
        producer,
        writtenAt: new Date().toISOString(),
      } satisfies ConsdbRowBatch
      const checked = validate('ConsdbRowBatch', message)
      if (!checked.ok) throw new RowMessageError(`ConsdbRowBatch (${batch.table})`, formatIssues(checked.issues))
      await xaddJson(redis.client, consdb, message, redisKeyMaxLength('consdbRows'))
    },
  }
}
