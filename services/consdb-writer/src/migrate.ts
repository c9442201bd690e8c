// ----------------------------------------------------------------------------
// Versioned, idempotent migrations. A bookkeeping table records each applied
// migration (id = Felis schema@version) with a checksum of its statements; a
// migration already applied is skipped, and one whose statements changed
// under the same id is refused (the Felis version must move when the schema
// does). Everything runs in one transaction under an advisory lock, so two
// writers starting together apply each migration once.
// ----------------------------------------------------------------------------
import { createHash } from 'node:crypto'
import type { Pool } from 'pg'
import { migrations as contractMigrations, type Migration } from './ddl.ts'
import { inTransaction } from './pg.ts'
import { quoteIdent } from './sql-types.ts'

/** The writer's own bookkeeping schema (not a ConsDB schema: nothing outside this service reads it). */
export const MIGRATIONS_SCHEMA = 'ra_consdb_writer'
export const MIGRATIONS_TABLE = 'migrations'
// Any constant shared by every writer: pg_advisory_xact_lock serialises concurrent migrate() calls.
const LOCK_ID = 0x72_61_63_64 // "racd"

export class MigrationChangedError extends Error {
  readonly code = 'RA_CONSDB_MIGRATION_CHANGED'
  constructor(id: string) {
    super(
      `migration ${id} was applied with different statements: the contract's ConsDB columns changed ` +
        'without a new Felis version. Regenerate the extracted data with the new version (tools/extract-reference).',
    )
    this.name = 'MigrationChangedError'
  }
}

export function checksum(migration: Migration): string {
  return createHash('sha256').update(migration.statements.join(';\n')).digest('hex')
}

export interface MigrateResult {
  readonly applied: readonly string[]
  readonly skipped: readonly string[]
}

export async function migrate(pool: Pool, list: readonly Migration[] = contractMigrations()): Promise<MigrateResult> {
  const book = `${quoteIdent(MIGRATIONS_SCHEMA)}.${quoteIdent(MIGRATIONS_TABLE)}`
  const applied: string[] = []
  const skipped: string[] = []
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID])
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(MIGRATIONS_SCHEMA)}`)
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${book} (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    )
    const done = await client.query<{ id: string; checksum: string }>(`SELECT id, checksum FROM ${book}`)
    const known = new Map(done.rows.map((r) => [r.id, r.checksum]))
    for (const migration of list) {
      const sum = checksum(migration)
      const previous = known.get(migration.id)
      if (previous !== undefined) {
        if (previous !== sum) throw new MigrationChangedError(migration.id)
        skipped.push(migration.id)
        continue
      }
      for (const statement of migration.statements) await client.query(statement)
      await client.query(`INSERT INTO ${book} (id, checksum) VALUES ($1, $2)`, [migration.id, sum])
      applied.push(migration.id)
    }
  })
  return { applied, skipped }
}
