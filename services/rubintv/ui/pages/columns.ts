/// <reference lib="dom" />
// Which metadata columns a camera table shows: the camera's defaults first, the
// choice persisted in localStorage under "{location}/{camera}" as RubinTV does
// ({"version":"1","columns":[...]}), never empty.
import { type Camera, type Location, type MetadataTable, metadataColumnsOf } from '@rubin/ra-contract'
import { el, modal } from '../dom.ts'
import { isFlagKey } from '../format.ts'

export function defaultColumns(camera: Camera): string[] {
  return metadataColumnsOf(camera).map((c) => c.name)
}

export function columnDescription(camera: Camera, column: string): string | undefined {
  return metadataColumnsOf(camera).find((c) => c.name === column)?.description
}

export function availableColumns(camera: Camera, table: MetadataTable): string[] {
  const all = new Set(defaultColumns(camera))
  for (const row of Object.values(table)) for (const key of Object.keys(row)) if (!isFlagKey(key)) all.add(key)
  return [...all].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))
}

const storageKey = (location: Location, camera: Camera) => `${location}/${camera}`

export function loadSelection(location: Location, camera: Camera): string[] {
  try {
    const raw = localStorage.getItem(storageKey(location, camera))
    if (raw !== null) {
      const parsed = JSON.parse(raw) as unknown
      // Older RubinTV stored a bare array.
      const columns = Array.isArray(parsed) ? parsed : (parsed as { columns?: unknown }).columns
      if (Array.isArray(columns) && columns.length > 0) return columns.map(String)
    }
  } catch {
    // A broken entry is replaced by the defaults.
  }
  return defaultColumns(camera)
}

export function saveSelection(location: Location, camera: Camera, columns: readonly string[]): void {
  localStorage.setItem(storageKey(location, camera), JSON.stringify({ version: '1', columns }))
}

/** Display order: selected defaults in their order, then the other selected columns in selection order. */
export function displayOrder(camera: Camera, selected: readonly string[]): string[] {
  const defaults = defaultColumns(camera)
  return [...defaults.filter((c) => selected.includes(c)), ...selected.filter((c) => !defaults.includes(c))]
}

export function openPicker(
  camera: Camera,
  available: readonly string[],
  selected: readonly string[],
  onChange: (columns: string[]) => void,
): void {
  let current = [...selected]
  const options = [...new Set([...available, ...selected])]
  const list = el('div', { class: options.length > 45 ? 'picker three' : 'picker' })
  for (const column of options) {
    const box = el('input', { type: 'checkbox', name: column })
    box.checked = current.includes(column)
    box.addEventListener('change', () => {
      if (!box.checked && current.length === 1) {
        box.checked = true // the last column cannot be deselected
        return
      }
      current = box.checked ? [...current, column] : current.filter((c) => c !== column)
      onChange(current)
    })
    const label = el('label', { class: available.includes(column) ? '' : 'unavailable' }, box, ` ${column}`)
    const description = columnDescription(camera, column)
    if (description !== undefined) label.title = description
    list.appendChild(label)
  }
  modal('Columns', list)
}
