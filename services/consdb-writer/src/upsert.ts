// ----------------------------------------------------------------------------
// Idempotent, batched upserts: INSERT … ON CONFLICT (primary key) DO UPDATE
// SET only the columns a row carries, so a partial update (AOS FWHM, guider
// metrics, Zernikes) never blanks the columns written earlier. Rows of one
// batch with the same key are merged first (later values win): PostgreSQL
// refuses to update one row twice in one statement. Rows with the same column
// set share a statement, split to stay under the 65535-parameter limit.
// ----------------------------------------------------------------------------
import type { Row } from './rows.ts'
import { qualified, quoteIdent } from './sql-types.ts'

export interface Statement {
  readonly text: string
  readonly values: unknown[]
}

const MAX_PARAMETERS = 65_535

/** Rows merged by primary key, in first-seen order. */
export function mergeByKey(rows: readonly Row[], primaryKey: readonly string[]): Row[] {
  const byKey = new Map<string, Row>()
  for (const row of rows) {
    const key = JSON.stringify(primaryKey.map((c) => row[c]))
    const seen = byKey.get(key)
    byKey.set(key, seen ? { ...seen, ...row } : { ...row })
  }
  return [...byKey.values()]
}

export function upsertStatements(
  schema: string,
  table: string,
  primaryKey: readonly string[],
  rows: readonly Row[],
): Statement[] {
  const groups = new Map<string, { columns: string[]; rows: Row[] }>()
  for (const row of mergeByKey(rows, primaryKey)) {
    const columns = Object.keys(row).sort()
    const signature = columns.join(',')
    const group = groups.get(signature) ?? { columns, rows: [] }
    group.rows.push(row)
    groups.set(signature, group)
  }
  const statements: Statement[] = []
  for (const { columns, rows: groupRows } of groups.values()) {
    const keySet = new Set(primaryKey)
    const updates = columns.filter((c) => !keySet.has(c))
    const conflict =
      updates.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${updates.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`).join(', ')}`
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length))
    for (let start = 0; start < groupRows.length; start += perStatement) {
      const chunk = groupRows.slice(start, start + perStatement)
      const values: unknown[] = []
      const tuples = chunk.map((row) => {
        const marks = columns.map((c) => {
          values.push(row[c])
          return `$${values.length}`
        })
        return `(${marks.join(', ')})`
      })
      statements.push({
        text:
          `INSERT INTO ${qualified(schema, table)} (${columns.map(quoteIdent).join(', ')}) VALUES ${tuples.join(', ')} ` +
          `ON CONFLICT (${primaryKey.map(quoteIdent).join(', ')}) ${conflict}`,
        values,
      })
    }
  }
  return statements
}
