// ----------------------------------------------------------------------------
// The PostgreSQL connection pool and how its failures are read.
//
// BIGINT (int8): pg returns it as a string by default because it can exceed
// 2^53. Every BIGINT ConsDB holds for RA is an exposure, visit or ccdexposure
// id, all below 2^53 by construction (the contract's id helpers prove it), so
// this pool parses int8 to a JS number, and refuses (throws) a value that is
// not a safe integer instead of rounding it. The parser is this pool's own
// (pg's `types` option), not pg's global one, so nothing else in the process
// is affected.
// ----------------------------------------------------------------------------
import pg, { type PoolClient } from 'pg'

const INT8_OID = 20

export class UnsafeBigintError extends Error {
  readonly code = 'RA_CONSDB_BIGINT_UNSAFE'
  constructor(text: string) {
    super(`BIGINT ${text} does not fit a JavaScript number exactly; this writer only reads ids below 2^53`)
    this.name = 'UnsafeBigintError'
  }
}

export function parseInt8(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new UnsafeBigintError(text)
  return value
}

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}

export interface PoolSettings {
  readonly connectionString: string
  readonly max?: number
  readonly connectTimeoutMs?: number
  /** Longest wait for one query's answer: a connection that hangs (no reset) fails instead of blocking. */
  readonly queryTimeoutMs?: number
  readonly onError?: (error: Error) => void
}

export function createPool(settings: PoolSettings): pg.Pool {
  const pool = new pg.Pool({
    connectionString: settings.connectionString,
    max: settings.max ?? 4,
    connectionTimeoutMillis: settings.connectTimeoutMs ?? 3000,
    // Fail a query stuck on a dead connection instead of waiting for TCP to notice.
    query_timeout: settings.queryTimeoutMs ?? 10_000,
    // Let the kernel find idle connections whose peer vanished without a reset.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    types,
    application_name: 'ra-consdb-writer',
  })
  // An idle client whose connection dies emits here; without a listener that would crash the process.
  pool.on('error', (error) => settings.onError?.(error))
  return pool
}

/**
 * Runs `work` between BEGIN and COMMIT on a client checked out of the pool.
 *
 * pg-pool listens for 'error' only on idle clients: a checked-out client whose connection dies
 * (a cut, a reset) emits 'error' with no listener, an uncaught exception that kills the process.
 * The query in flight fails as well, which is how the caller learns of it, so the listener here
 * only has to exist. A client that failed in any way is destroyed, not pooled again: it may be
 * dead or stuck behind a query that timed out, and a ROLLBACK would wait on it (PostgreSQL rolls
 * back the transaction of a closed connection by itself).
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let failure: unknown
  const onError = (error: Error) => {
    failure ??= error
  }
  client.on('error', onError)
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    failure ??= error
    throw error
  } finally {
    client.off('error', onError)
    // release(truthy) makes the pool end the client (destroying its socket when a query is stuck).
    client.release(failure === undefined ? undefined : true)
  }
}

/**
 * Whether a failure is about the rows (a data exception or constraint violation: SQLSTATE classes
 * 22 and 23), which no retry will fix. Everything else (connection lost, server shutting down, a
 * missing database or schema, a timeout) is the database's state: wait and retry, keeping the rows.
 */
export function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  // Node's socket codes (ECONNRESET…) are not SQLSTATEs, so they never match.
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code)
}

/** Whether PostgreSQL said the database itself does not exist (SQLSTATE 3D000). */
export function isMissingDatabase(error: unknown): boolean {
  return (error as { code?: unknown }).code === '3D000'
}
