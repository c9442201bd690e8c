import { CONSDB_SCHEMA_VERSIONS, CONSDB_TABLES, ConsdbTable } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { addColumnsSql, createTableSql, migrations, schemaStatements } from './ddl.ts'
import { checksum } from './migrate.ts'

describe('createTableSql', () => {
  it('declares every Felis column with its type and nullability, and the Felis primary key', () => {
    const sql = createTableSql('cdb_lsstcam', 'exposure')
    expect(sql).toMatch(/^CREATE TABLE IF NOT EXISTS "cdb_lsstcam"\."exposure" \(/)
    expect(sql).toContain('"exposure_id" BIGINT NOT NULL')
    expect(sql).toContain('"exposure_name" VARCHAR(20) NOT NULL')
    expect(sql).toContain('"s_ra" DOUBLE PRECISION,')
    expect(sql).toContain('"exp_midpt" TIMESTAMP,')
    expect(sql).toContain('PRIMARY KEY ("day_obs", "seq_num")')
    const columns = CONSDB_TABLES.cdb_lsstcam.exposure.columns
    expect(sql.split('\n').filter((l) => /^ {2}"/.test(l))).toHaveLength(columns.length)
  })

  it('keys per-detector tables on detector too', () => {
    expect(createTableSql('cdb_latiss', 'ccdvisit1_quicklook')).toContain(
      'PRIMARY KEY ("day_obs", "seq_num", "detector")',
    )
  })
})

describe('addColumnsSql', () => {
  it('adds every column if missing, without NOT NULL (a table with rows could not take it)', () => {
    const sql = addColumnsSql('cdb_lsstcam', 'visit1_quicklook')
    expect(sql).toContain('ADD COLUMN IF NOT EXISTS "visit_id" BIGINT,')
    expect(sql).not.toContain('NOT NULL')
  })
})

describe('migrations', () => {
  it('one per instrument schema, named by its Felis version, with schema + every table', () => {
    const list = migrations()
    expect(list.map((m) => m.id)).toEqual([
      `cdb_lsstcam@${CONSDB_SCHEMA_VERSIONS.cdb_lsstcam}`,
      `cdb_latiss@${CONSDB_SCHEMA_VERSIONS.cdb_latiss}`,
    ])
    expect(schemaStatements('cdb_latiss')).toHaveLength(1 + 2 * ConsdbTable.values.length)
  })

  it('has a stable checksum that changes when a statement does', () => {
    const [first] = migrations()
    if (!first) throw new Error('no migration')
    expect(checksum(first)).toBe(checksum(migrations()[0] as typeof first))
    expect(checksum({ ...first, statements: [...first.statements, 'SELECT 1'] })).not.toBe(checksum(first))
  })
})
