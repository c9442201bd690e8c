// @rubin/ra-consdb-writer: the ConsDB writer, for in-process use (tests, scenarios), and its SQL.
export { ConsdbWriterConfig } from './config.ts'
export { createDatabase, databaseName } from './database.ts'
export { addColumnsSql, columnDefinition, createTableSql, type Migration, migrations, schemaStatements } from './ddl.ts'
export {
  checksum,
  MIGRATIONS_SCHEMA,
  MIGRATIONS_TABLE,
  type MigrateResult,
  MigrationChangedError,
  migrate,
} from './migrate.ts'
export { createPool, isRowError, type PoolSettings, parseInt8, UnsafeBigintError } from './pg.ts'
export {
  announcedField,
  type BatchResult,
  ID_COLUMN,
  type PreparedBatch,
  prepareBatch,
  ROW_ERRORS,
  type Row,
} from './rows.ts'
export { consdbWriterService } from './service.ts'
export { postgresType, qualified, quoteIdent } from './sql-types.ts'
export { mergeByKey, type Statement, upsertStatements } from './upsert.ts'
export type { Writer, WriterCounts, WriterStatus } from './writer.ts'
