// Cell formatting as RubinTV does it (rubintv.md §3.2), as text only.
import { CELL_FLAGS, DISPLAY_VALUE, FLAG_PREFIX, type MetadataRow, PLACEHOLDER_PREFIX } from '@rubin/ra-contract'

export type Cell = MetadataRow[string]

export function isFlagKey(column: string): boolean {
  return column.startsWith(FLAG_PREFIX) || column.startsWith(PLACEHOLDER_PREFIX)
}

export function flagClass(row: MetadataRow | undefined, column: string): string | undefined {
  const flag = row?.[FLAG_PREFIX + column]
  return typeof flag === 'string' && (CELL_FLAGS as readonly string[]).includes(flag) ? `flag-${flag}` : undefined
}

export function placeholder(row: MetadataRow | undefined, channel: string): string | undefined {
  const value = row?.[PLACEHOLDER_PREFIX + channel]
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
}

/** Text and tooltip for a scalar cell; objects and lists are popups (isPopup). */
export function formatScalar(value: Cell | undefined): { text: string; title?: string; numeric?: boolean } {
  if (value === undefined || value === null) return { text: '', title: 'No data' }
  if (typeof value === 'boolean') return { text: value ? 'True' : 'False' }
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? { text: String(value), numeric: true }
      : { text: value.toFixed(2), title: String(value), numeric: true }
  }
  return { text: String(value) }
}

export function isPopup(value: Cell | undefined): value is Exclude<Cell, string | number | boolean | null> {
  return typeof value === 'object' && value !== null
}

export function popupLabel(value: Cell): string {
  if (!Array.isArray(value) && typeof value === 'object' && value !== null) {
    const label = value[DISPLAY_VALUE]
    if (typeof label === 'string' && label !== '') return label
  }
  return '📖'
}

export function popupEntries(value: Cell): [string, string][] {
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v === null ? '' : String(v)])
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value)
    .filter(([k]) => k !== DISPLAY_VALUE)
    .map(([k, v]) => [k, Array.isArray(v) ? v.map(String).join(', ') : v === null ? '' : String(v)])
}

export function compareCells(a: Cell | undefined, b: Cell | undefined): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b)
  return undefined
}
