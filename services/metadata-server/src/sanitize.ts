// ----------------------------------------------------------------------------
// Today's cell rules (ra_framework.md §9), made explicit:
//   - NaN (and ±Infinity, which JSON cannot hold either) → null, at any depth;
//   - a string that is a decimal number after trimming whitespace becomes that
//     number: optional sign, digits with an optional fraction or a bare
//     fraction, optional exponent ("1.5", " -2e3 ", ".5", "7."); "nan" in any
//     case, and "inf"/"infinity", become null, as Python's float() reads them
//     and JSON cannot write them; the empty (or blank) string stays a string;
//   - deliberately NOT numbers, although Python's float() takes them: "1_000"
//     (digit separators), and hex or other radix forms it also refuses. A cell
//     that looks like an id with leading zeros ("000226") does become 226, as today.
// Flags (`_<column>`) and placeholders (`@<channel>`) are labels, not
// measurements: they are never converted (a placeholder "1" stays text).
// ----------------------------------------------------------------------------
import { FLAG_PREFIX, type MetadataCell, type MetadataRow, PLACEHOLDER_PREFIX } from '@rubin/ra-contract'
import type { Static } from '@sinclair/typebox'

type Cell = Static<typeof MetadataCell>

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
const NOT_A_NUMBER = /^[+-]?(?:nan|inf|infinity)$/i

/** A string cell under today's numeric-string rule: a number, null, or the string unchanged. */
export function numericString(text: string): string | number | null {
  const trimmed = text.trim()
  if (trimmed === '') return text
  if (NOT_A_NUMBER.test(trimmed)) return null
  if (!DECIMAL.test(trimmed)) return text
  const value = Number(trimmed)
  // "1e999" overflows to Infinity: JSON cannot carry it, so it is null like Python's inf.
  return Number.isFinite(value) ? value : null
}

function scalar(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string') return numericString(value)
  return value
}

/** One cell with the rules applied at any depth (lists and DISPLAY_VALUE objects included). */
export function sanitizeCell(cell: unknown): Cell {
  if (Array.isArray(cell)) return cell.map(scalar) as Cell
  if (cell !== null && typeof cell === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(cell)) out[key] = Array.isArray(value) ? value.map(scalar) : scalar(value)
    return out as Cell
  }
  return scalar(cell) as Cell
}

/** Whether a row key is a flag or a placeholder (labels: kept as written). */
export function isLabelKey(key: string): boolean {
  return key.startsWith(FLAG_PREFIX) || key.startsWith(PLACEHOLDER_PREFIX)
}

export function sanitizeRow(row: MetadataRow): MetadataRow {
  const out: MetadataRow = {}
  for (const [key, cell] of Object.entries(row)) out[key] = isLabelKey(key) ? cell : sanitizeCell(cell)
  return out
}
