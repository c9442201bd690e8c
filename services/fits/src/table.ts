// Just enough of BINTABLE to read tile-compressed images: column layout from TFORMn,
// scalar cells, and variable-length array descriptors (P: 32-bit, Q: 64-bit) into the heap.

import { FitsError, FitsErrorCode, type FitsLocation } from './errors.ts'
import type { Header } from './header.ts'

const TYPE_WIDTH: Record<string, number> = { L: 1, B: 1, I: 2, J: 4, K: 8, A: 1, E: 4, D: 8, C: 8, M: 16, P: 8, Q: 16 }
const TFORM = /^\s*(\d*)([LXBIJKAEDCMPQ])([LXBIJKAEDCM]?)(?:\((\d+)\))?/

export interface Column {
  readonly name: string
  /** Type letter of the cell; for P/Q descriptors, the element type is `elementType`. */
  readonly type: string
  readonly elementType: string
  readonly repeat: number
  /** Byte offset of the cell within a row. */
  readonly offset: number
}

export interface TableLayout {
  readonly rowLength: number
  readonly rows: number
  /** Heap start, relative to the start of the data. */
  readonly heapOffset: number
  readonly columns: ReadonlyMap<string, Column>
}

export function elementWidth(type: string): number {
  return TYPE_WIDTH[type] ?? 1
}

export function tableLayout(header: Header, where: FitsLocation): TableLayout {
  const fields = header.getInteger('TFIELDS')
  const columns = new Map<string, Column>()
  let offset = 0
  for (let n = 1; n <= fields; n++) {
    const form = header.getString(`TFORM${n}`)
    const match = TFORM.exec(form)
    if (match === null) {
      throw new FitsError(FitsErrorCode.badTable, `column ${n} has an unreadable TFORM${n} = '${form}'`, where)
    }
    const repeat = match[1] === '' || match[1] === undefined ? 1 : Number(match[1])
    const type = match[2] as string
    const width = type === 'X' ? Math.ceil(repeat / 8) : repeat * elementWidth(type)
    const name = header.getString(`TTYPE${n}`, `COL${n}`).trim().toUpperCase()
    columns.set(name, { name, type, elementType: match[3] || type, repeat, offset })
    offset += width
  }
  const rowLength = header.getInteger('NAXIS1')
  if (offset !== rowLength) {
    throw new FitsError(FitsErrorCode.badTable, `columns add up to ${offset} bytes but NAXIS1 = ${rowLength}`, where)
  }
  const rows = header.getInteger('NAXIS2')
  return { rowLength, rows, heapOffset: header.getInteger('THEAP', rowLength * rows), columns }
}

/** Reads cells of one table (its data segment: rows then heap). */
export class TableReader {
  readonly layout: TableLayout
  readonly #data: Uint8Array
  readonly #view: DataView
  readonly #where: FitsLocation

  constructor(layout: TableLayout, data: Uint8Array, where: FitsLocation) {
    this.layout = layout
    this.#data = data
    this.#view = new DataView(data.buffer, data.byteOffset, data.byteLength)
    this.#where = where
  }

  /** A scalar number cell (first element of the cell). */
  number(column: Column, row: number): number {
    const at = row * this.layout.rowLength + column.offset
    switch (column.type) {
      case 'B':
        return this.#view.getUint8(at)
      case 'I':
        return this.#view.getInt16(at)
      case 'J':
        return this.#view.getInt32(at)
      case 'K':
        return Number(this.#view.getBigInt64(at))
      case 'E':
        return this.#view.getFloat32(at)
      case 'D':
        return this.#view.getFloat64(at)
      default:
        throw new FitsError(
          FitsErrorCode.badTable,
          `column ${column.name} of type ${column.type} is not numeric`,
          this.#where,
        )
    }
  }

  /** The bytes of a variable-length array cell (a P or Q descriptor) in the heap. */
  heapBytes(column: Column, row: number): Uint8Array {
    const at = row * this.layout.rowLength + column.offset
    let count: number
    let offset: number
    if (column.type === 'P') {
      count = this.#view.getUint32(at)
      offset = this.#view.getUint32(at + 4)
    } else if (column.type === 'Q') {
      count = Number(this.#view.getBigUint64(at))
      offset = Number(this.#view.getBigUint64(at + 8))
    } else {
      const width = column.repeat * elementWidth(column.type)
      return this.#data.subarray(at, at + width)
    }
    const start = this.layout.heapOffset + offset
    const end = start + count * elementWidth(column.elementType)
    if (end > this.#data.length) {
      throw new FitsError(
        FitsErrorCode.truncated,
        `row ${row + 1} of column ${column.name} points to heap bytes ${start}..${end} past the data end ${this.#data.length}`,
        this.#where,
      )
    }
    return this.#data.subarray(start, end)
  }
}
