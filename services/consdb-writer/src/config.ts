// ----------------------------------------------------------------------------
// The ConsDB writer's environment: which PostgreSQL, whether to create and
// migrate the schema (a one-machine system; at the sites ConsDB's own
// migrations own it), and how rows are batched and retried.
// ----------------------------------------------------------------------------
import { type Static, Type } from '@sinclair/typebox'

export const ConsdbWriterConfig = Type.Object({
  RA_CONSDB_URL: Type.String({
    default: 'postgresql://postgres@127.0.0.1:5432/consdb',
    pattern: '^postgres(ql)?://',
    description: 'PostgreSQL connection string of ConsDB, postgresql://user[:password]@host:port/database',
  }),
  RA_CONSDB_MIGRATE: Type.Boolean({
    default: true,
    description: 'create/upgrade the cdb_* schemas from the contract before writing (false where ConsDB owns them)',
  }),
  RA_CONSDB_CREATE_DATABASE: Type.Boolean({
    default: false,
    description: 'create the database named in RA_CONSDB_URL if it does not exist (one-machine systems only)',
  }),
  RA_CONSDB_BATCH_MS: Type.Integer({
    default: 20,
    minimum: 0,
    maximum: 5000,
    description: 'ms to wait after the first batch entry for more, so one transaction covers a burst',
  }),
  RA_CONSDB_BATCH_MAX: Type.Integer({
    default: 200,
    minimum: 1,
    maximum: 5000,
    description: 'most consdbRows entries written per transaction',
  }),
  RA_CONSDB_POOL_SIZE: Type.Integer({ default: 4, minimum: 1, maximum: 64, description: 'PostgreSQL connections' }),
  RA_CONSDB_CONNECT_TIMEOUT_MS: Type.Integer({
    default: 3000,
    minimum: 100,
    description: 'ms to wait for a PostgreSQL connection before counting the attempt as failed',
  }),
  RA_CONSDB_QUERY_TIMEOUT_MS: Type.Integer({
    default: 10_000,
    minimum: 100,
    description: 'ms to wait for a query to answer before counting it as failed (a connection hung without a reset)',
  }),
  RA_CONSDB_RETRY_MAX_MS: Type.Integer({
    default: 5000,
    minimum: 10,
    // The backlog must be written within seconds of the database coming back.
    maximum: 5000,
    description: 'longest wait between retries while PostgreSQL (or Redis) fails; doubles from 50 ms',
  }),
  RA_CONSDB_CONSUMER: Type.String({
    default: 'consdb-writer',
    minLength: 1,
    description: 'consumer name in the group: keep it stable so a restart re-reads its own unacknowledged rows',
  }),
})
export type ConsdbWriterConfig = Static<typeof ConsdbWriterConfig>
