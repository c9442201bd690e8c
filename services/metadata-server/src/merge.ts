// ----------------------------------------------------------------------------
// Deep merge of a shard's rows into a table, as today's server does it: nested
// objects merge key by key, anything else (scalars, lists, null) overwrites,
// the later shard wins. It reports which seqs actually changed, so an upload
// happens only when something did and consumers can resend only those rows.
// ----------------------------------------------------------------------------
import type { MetadataCell, MetadataRow, MetadataTable } from '@rubin/ra-contract'
import type { Static } from '@sinclair/typebox'

type Json = Static<typeof MetadataCell> | MetadataRow

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => equal(v, b[i]))
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && equal(a[k], b[k]))
  }
  return false
}

/** Merge `patch` into `target` in place; true when anything changed. */
function mergeInto(target: Record<string, unknown>, patch: Record<string, unknown>): boolean {
  let changed = false
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key]
    if (isObject(current) && isObject(value)) {
      if (mergeInto(current, value)) changed = true
    } else if (!(key in target) || !equal(current, value)) {
      // A copy: the table must never share structure with a shard someone else may hold.
      target[key] = structuredClone(value as Json)
      changed = true
    }
  }
  return changed
}

/** Deep-merge rows (seq → row) into the table in place; returns the seqs that changed, ascending. */
export function mergeRows(table: MetadataTable, rows: Readonly<Record<string, MetadataRow>>): number[] {
  const changed: number[] = []
  for (const [seq, row] of Object.entries(rows)) {
    const existing = table[seq]
    if (existing === undefined) {
      table[seq] = structuredClone(row)
      changed.push(Number(seq))
    } else if (mergeInto(existing, row)) changed.push(Number(seq))
  }
  return changed.sort((a, b) => a - b)
}
