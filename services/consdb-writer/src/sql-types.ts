// ----------------------------------------------------------------------------
// Felis datatypes → PostgreSQL, as Felis itself maps them for PostgreSQL
// (felis.db.sqltypes): byte has no 1-byte PostgreSQL type and becomes
// SMALLINT; char/string/unicode take their length (VARCHAR without one is
// unbounded); timestamp is TIMESTAMP WITHOUT TIME ZONE, as ConsDB stores TAI/UTC
// instants without a zone.
// ----------------------------------------------------------------------------
import type { ConsdbColumn, FelisDatatype } from '@rubin/ra-contract'

const FIXED: Readonly<Record<Exclude<FelisDatatype, 'char' | 'string' | 'unicode'>, string>> = {
  boolean: 'BOOLEAN',
  byte: 'SMALLINT',
  short: 'SMALLINT',
  int: 'INTEGER',
  long: 'BIGINT',
  float: 'REAL',
  double: 'DOUBLE PRECISION',
  text: 'TEXT',
  binary: 'BYTEA',
  timestamp: 'TIMESTAMP',
}

/** The PostgreSQL type of a column (without NULL / NOT NULL). */
export function postgresType(column: Pick<ConsdbColumn, 'datatype' | 'length'>): string {
  switch (column.datatype) {
    case 'char':
      return `CHAR(${column.length ?? 1})`
    case 'string':
    case 'unicode':
      return column.length === undefined ? 'VARCHAR' : `VARCHAR(${column.length})`
    default:
      return FIXED[column.datatype]
  }
}

/** A double-quoted SQL identifier (names come from the contract, but quoting costs nothing and is always right). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

export function qualified(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`
}
