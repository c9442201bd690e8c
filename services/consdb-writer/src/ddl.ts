// ----------------------------------------------------------------------------
// ConsDB's schema, generated from the contract's extracted Felis facts: one
// PostgreSQL schema per instrument (cdb_lsstcam, cdb_latiss), every table the
// contract knows, primary keys as Felis defines them. Each table is created if
// missing and then every column added if missing, so the same statements
// bring an empty database or one made from an older Felis version up to date
// (columns are only ever added: Felis removals and type changes need a person).
// ----------------------------------------------------------------------------
import { CONSDB_SCHEMA_VERSIONS, CONSDB_TABLES, type ConsdbColumn, ConsdbSchema, ConsdbTable } from '@rubin/ra-contract'
import { postgresType, qualified, quoteIdent } from './sql-types.ts'

export function columnDefinition(column: ConsdbColumn): string {
  return `${quoteIdent(column.name)} ${postgresType(column)}${column.nullable ? '' : ' NOT NULL'}`
}

export function createTableSql(schema: ConsdbSchema, table: ConsdbTable): string {
  const info = CONSDB_TABLES[schema][table]
  const lines = [
    ...info.columns.map((c) => `  ${columnDefinition(c)}`),
    `  PRIMARY KEY (${info.primaryKey.map(quoteIdent).join(', ')})`,
  ]
  return `CREATE TABLE IF NOT EXISTS ${qualified(schema, table)} (\n${lines.join(',\n')}\n)`
}

/**
 * Columns added to an existing table. NOT NULL is left out here: adding a NOT NULL column to a table
 * with rows fails, and a table that predates a column cannot have values for it.
 */
export function addColumnsSql(schema: ConsdbSchema, table: ConsdbTable): string {
  const columns = CONSDB_TABLES[schema][table].columns
  const adds = columns.map((c) => `  ADD COLUMN IF NOT EXISTS ${quoteIdent(c.name)} ${postgresType(c)}`)
  return `ALTER TABLE ${qualified(schema, table)}\n${adds.join(',\n')}`
}

/** Every statement that brings one instrument's schema to its Felis version, in order. */
export function schemaStatements(schema: ConsdbSchema): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`,
    ...ConsdbTable.values.flatMap((table) => [createTableSql(schema, table), addColumnsSql(schema, table)]),
  ]
}

export interface Migration {
  /** Stable identity: the Felis schema and its version, e.g. cdb_lsstcam@1.9.0. */
  readonly id: string
  readonly statements: readonly string[]
}

/** One migration per instrument schema and Felis version, generated from the contract. */
export function migrations(): Migration[] {
  return ConsdbSchema.values.map((schema) => ({
    id: `${schema}@${CONSDB_SCHEMA_VERSIONS[schema]}`,
    statements: schemaStatements(schema),
  }))
}
