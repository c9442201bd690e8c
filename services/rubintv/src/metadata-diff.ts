// ----------------------------------------------------------------------------
// What changed between two versions of a metadata table: per changed row, only
// the cells that are new or different, and the columns that disappeared. This is
// what lets the browser update one cell instead of re-rendering the table.
// ----------------------------------------------------------------------------
import type { MetadataRow, MetadataTable } from '@rubin/ra-contract'

type Cell = MetadataRow[string]

export interface RowChange {
  cells: Record<string, Cell>
  removed: string[]
}

function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  if (a === b) return true
  if (a === undefined || b === undefined || a === null || b === null) return false
  if (typeof a !== 'object' || typeof b !== 'object') return false
  // Cells are small JSON values; key order in producers' output is stable.
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Changed rows of `next` against `previous`, limited to `only` rows when given (ObjectWritten.changedSeqs). */
export function diffTables(
  previous: MetadataTable,
  next: MetadataTable,
  only?: readonly string[],
): Record<string, RowChange> {
  const out: Record<string, RowChange> = {}
  const seqs = only ?? [...new Set([...Object.keys(previous), ...Object.keys(next)])]
  for (const seq of seqs) {
    const before = previous[seq] ?? {}
    const after = next[seq]
    if (after === undefined) {
      const removed = Object.keys(before)
      if (removed.length > 0) out[seq] = { cells: {}, removed }
      continue
    }
    const cells: Record<string, Cell> = {}
    for (const [column, value] of Object.entries(after)) {
      if (!sameCell(before[column], value)) cells[column] = value
    }
    const removed = Object.keys(before).filter((column) => !(column in after))
    if (Object.keys(cells).length > 0 || removed.length > 0) out[seq] = { cells, removed }
  }
  return out
}

/** Apply a diff (the client does the same to its copy). */
export function applyDiff(table: MetadataTable, rows: Readonly<Record<string, RowChange>>): MetadataTable {
  const out: MetadataTable = { ...table }
  for (const [seq, change] of Object.entries(rows)) {
    const row: MetadataRow = { ...(out[seq] ?? {}), ...change.cells }
    for (const column of change.removed) delete row[column]
    if (Object.keys(row).length === 0) delete out[seq]
    else out[seq] = row
  }
  return out
}
