// Reading tile-compressed images (FITS 4.0 §10, as written by fpack and the Rubin camera):
// a BINTABLE with ZIMAGE = T, one row per tile, the compressed bytes in the heap.
// The result looks like an ordinary image HDU: Z* keywords are mapped back.

import { gunzipSync } from 'node:zlib'
import { type Card, normalizeKey } from './card.ts'
import { FitsError, FitsErrorCode, type FitsLocation } from './errors.ts'
import { Header } from './header.ts'
import { type Bitpix, bytesPerPixel, decodePixels, isBitpix } from './pixels.ts'
import { type QuantizeMethod, QuantizeMethods, unquantize } from './quantize.ts'
import { type Bytepix, type RiceArray, riceDecode } from './rice.ts'
import { type Column, TableReader, tableLayout } from './table.ts'

export const CompressionTypes = ['RICE_1', 'GZIP_1', 'GZIP_2', 'NOCOMPRESS'] as const
export type CompressionType = (typeof CompressionTypes)[number]

export interface CompressionInfo {
  readonly type: CompressionType
  /** ZTILE1, ZTILE2, ... */
  readonly tile: readonly number[]
  /** Float images only: how they were quantized (undefined: stored losslessly). */
  readonly quantize?: QuantizeMethod
  readonly ditherSeed?: number
}

export type StoredArray = Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array

// Keywords of the table itself and of the compression, never part of the image header.
const TABLE_KEYS =
  /^(XTENSION|BITPIX|NAXIS\d*|PCOUNT|GCOUNT|TFIELDS|THEAP|T(TYPE|FORM|UNIT|NULL|SCAL|ZERO|DIM|DISP)\d+)$/
const COMPRESSION_KEYS =
  /^(ZIMAGE|ZBITPIX|ZNAXIS\d*|ZTILE\d+|ZCMPTYPE|ZNAME\d+|ZVAL\d+|ZQUANTIZ|ZDITHER0|ZSIMPLE|ZTENSION|ZEXTEND|ZBLOCKED|ZPCOUNT|ZGCOUNT|ZHECKSUM|ZDATASUM|ZBLANK|ZSCALE|ZZERO|CHECKSUM|DATASUM)$/

export function isCompressedImage(header: Header): boolean {
  return header.get('XTENSION') === 'BINTABLE' && header.get('ZIMAGE') === true
}

/** The header of the image a compressed table holds: Z* structure keywords mapped back. */
export function imageHeaderOf(raw: Header): Header {
  const cards: Card[] = []
  const fromZ = (key: string, zkey: string, fallback?: Card['value']) => {
    const card = raw.card(zkey)
    const value = card?.value ?? fallback
    if (value !== undefined)
      cards.push(card?.comment === undefined ? { key, value } : { key, value, comment: card.comment })
  }
  if (raw.has('ZSIMPLE')) fromZ('SIMPLE', 'ZSIMPLE')
  else fromZ('XTENSION', 'ZTENSION', 'IMAGE')
  fromZ('BITPIX', 'ZBITPIX')
  const naxis = raw.getInteger('ZNAXIS')
  fromZ('NAXIS', 'ZNAXIS')
  for (let n = 1; n <= naxis; n++) fromZ(`NAXIS${n}`, `ZNAXIS${n}`)
  if (raw.has('ZSIMPLE')) {
    fromZ('EXTEND', 'ZEXTEND')
  } else {
    fromZ('PCOUNT', 'ZPCOUNT', 0)
    fromZ('GCOUNT', 'ZGCOUNT', 1)
  }
  for (const card of raw) {
    if (card.value !== undefined && (TABLE_KEYS.test(card.key) || COMPRESSION_KEYS.test(card.key))) continue
    cards.push(card)
  }
  if (raw.has('ZHECKSUM')) fromZ('CHECKSUM', 'ZHECKSUM')
  if (raw.has('ZDATASUM')) fromZ('DATASUM', 'ZDATASUM')
  return new Header(cards)
}

/** The named compression parameter ZNAMEn/ZVALn (e.g. BLOCKSIZE, BYTEPIX). */
function compressionParam(raw: Header, name: string, fallback: number): number {
  for (let n = 1; raw.has(`ZNAME${n}`); n++) {
    if (normalizeKey(raw.getString(`ZNAME${n}`)) === name) return raw.getInteger(`ZVAL${n}`)
  }
  return fallback
}

export function compressionInfo(raw: Header, where: FitsLocation): CompressionInfo {
  const written = raw.getString('ZCMPTYPE').trim()
  // cfitsio also writes (and reads) RICE_ONE as a synonym of RICE_1.
  const type = written === 'RICE_ONE' ? 'RICE_1' : written
  if (!(CompressionTypes as readonly string[]).includes(type)) {
    throw new FitsError(
      FitsErrorCode.unknownCompression,
      `compression ZCMPTYPE = '${type}' is not supported (supported: ${CompressionTypes.join(', ')})`,
      where,
    )
  }
  const naxis = raw.getInteger('ZNAXIS')
  const tile: number[] = []
  for (let n = 1; n <= naxis; n++) tile.push(raw.getInteger(`ZTILE${n}`, n === 1 ? raw.getInteger('ZNAXIS1') : 1))
  const zbitpix = raw.getInteger('ZBITPIX')
  const quantized = zbitpix < 0 && (raw.has('ZSCALE') || hasColumn(raw, 'ZSCALE'))
  if (!quantized) return { type: type as CompressionType, tile }
  const method = raw.getString('ZQUANTIZ', 'NO_DITHER').trim()
  if (!(QuantizeMethods as readonly string[]).includes(method)) {
    throw new FitsError(FitsErrorCode.unknownCompression, `quantization ZQUANTIZ = '${method}' is not supported`, where)
  }
  return {
    type: type as CompressionType,
    tile,
    quantize: method as QuantizeMethod,
    ditherSeed: raw.getInteger('ZDITHER0', 1),
  }
}

function hasColumn(raw: Header, name: string): boolean {
  for (let n = 1; raw.has(`TTYPE${n}`); n++) if (raw.getString(`TTYPE${n}`).trim().toUpperCase() === name) return true
  return false
}

function newStored(bitpix: Bitpix, count: number): StoredArray {
  switch (bitpix) {
    case 8:
      return new Uint8Array(count)
    case 16:
      return new Int16Array(count)
    case 32:
      return new Int32Array(count)
    case -32:
      return new Float32Array(count)
    case -64:
      return new Float64Array(count)
  }
}

function riceArray(bytepix: Bytepix, count: number): RiceArray {
  return bytepix === 1 ? new Uint8Array(count) : bytepix === 2 ? new Int16Array(count) : new Int32Array(count)
}

function gunzip(bytes: Uint8Array, where: FitsLocation, shuffleWidth: number): Uint8Array {
  let plain: Uint8Array
  try {
    plain = gunzipSync(bytes)
  } catch (error) {
    throw new FitsError(FitsErrorCode.corruptTile, `gzip tile cannot be inflated: ${(error as Error).message}`, where)
  }
  if (shuffleWidth <= 1) return plain
  // GZIP_2: the bytes were grouped by significance (all first bytes, then all second bytes, ...)
  const count = plain.length / shuffleWidth
  const out = new Uint8Array(plain.length)
  for (let k = 0; k < shuffleWidth; k++) {
    for (let i = 0; i < count; i++) out[i * shuffleWidth + k] = plain[k * count + i] as number
  }
  return out
}

/**
 * Decompresses the image of a tile-compressed table. `data` is the HDU's data segment
 * (rows then heap). Returns stored values (BZERO/BSCALE not applied) of type ZBITPIX.
 */
export function decompressImage(raw: Header, data: Uint8Array, where: FitsLocation): StoredArray {
  const info = compressionInfo(raw, where)
  const zbitpix = raw.getInteger('ZBITPIX')
  if (!isBitpix(zbitpix)) throw new FitsError(FitsErrorCode.badBitpix, `ZBITPIX = ${zbitpix} is not valid`, where)
  const naxis = raw.getInteger('ZNAXIS')
  if (naxis > 2 && info.tile.slice(2).some((size) => size !== 1)) {
    throw new FitsError(FitsErrorCode.unsupported, `tiles spanning more than two axes are not supported`, where)
  }
  const axes = Array.from({ length: naxis }, (_, n) => raw.getInteger(`ZNAXIS${n + 1}`))
  const width = axes[0] ?? 0
  const height = axes.slice(1).reduce((product, size) => product * size, 1)
  const tileWidth = info.tile[0] ?? width
  const tileHeight = naxis >= 2 ? (info.tile[1] ?? 1) : 1
  // Planes of a cube are stacked: a tile never crosses one because ZTILE3.. = 1.
  const planeHeight = naxis >= 2 ? (axes[1] ?? 1) : 1
  const tilesX = Math.ceil(width / tileWidth)
  const tilesPerPlane = tilesX * Math.ceil(planeHeight / tileHeight)
  const out = newStored(zbitpix, width * height)

  const table = new TableReader(tableLayout(raw, where), data, where)
  const columns = table.layout.columns
  const compressed = columns.get('COMPRESSED_DATA')
  if (compressed === undefined) {
    throw new FitsError(FitsErrorCode.badTable, 'compressed image table has no COMPRESSED_DATA column', where)
  }
  const gzipColumn = columns.get('GZIP_COMPRESSED_DATA')
  const plainColumn = columns.get('UNCOMPRESSED_DATA')
  const scaleColumn = columns.get('ZSCALE')
  const zeroColumn = columns.get('ZZERO')
  const blankColumn = columns.get('ZBLANK')
  const expectedTiles = tilesPerPlane * (height / planeHeight || 0)
  if (table.layout.rows !== expectedTiles && width * height > 0) {
    throw new FitsError(FitsErrorCode.badTable, `table has ${table.layout.rows} rows for ${expectedTiles} tiles`, where)
  }

  const blockSize = compressionParam(raw, 'BLOCKSIZE', 32)
  const quantized = info.quantize !== undefined
  // Integers inside a tile: ZBITPIX-sized, except quantized floats (int32) and RICE BYTEPIX.
  const intBitpix: Bitpix = quantized ? 32 : zbitpix
  const bytepix = (info.type === 'RICE_1' ? compressionParam(raw, 'BYTEPIX', 4) : bytesPerPixel(intBitpix)) as Bytepix
  if (info.type === 'RICE_1' && ![1, 2, 4].includes(bytepix)) {
    throw new FitsError(FitsErrorCode.unknownCompression, `RICE_1 with BYTEPIX = ${bytepix} is not supported`, where)
  }
  if (info.type === 'RICE_1' && zbitpix < 0 && !quantized) {
    throw new FitsError(FitsErrorCode.unsupported, 'RICE_1 on unquantized floating-point data is not valid', where)
  }
  const maxTile = tileWidth * tileHeight
  const sameType = quantized ? bytepix === 4 : bytesPerPixel(zbitpix) === bytepix
  const scratch: StoredArray | RiceArray | undefined =
    info.type === 'RICE_1' && !sameType ? riceArray(bytepix, maxTile) : undefined
  const tileOut: StoredArray = newStored(zbitpix, maxTile)
  const ints = quantized ? new Int32Array(maxTile) : undefined

  for (let row = 0; row < table.layout.rows; row++) {
    const plane = Math.floor(row / tilesPerPlane)
    const inPlane = row % tilesPerPlane
    const x0 = (inPlane % tilesX) * tileWidth
    const y0 = plane * planeHeight + Math.floor(inPlane / tilesX) * tileHeight
    const tw = Math.min(tileWidth, width - x0)
    const th = Math.min(tileHeight, plane * planeHeight + planeHeight - y0)
    const count = tw * th
    const bytes = table.heapBytes(compressed, row)
    const tileWhere: FitsLocation = { ...where, offset: (where.offset ?? 0) + (bytes.byteOffset - data.byteOffset) }
    const fullRows = tw === width
    // Full-width tiles decode straight into the image; others go through a tile buffer.
    const target = fullRows ? out : tileOut
    const targetOffset = fullRows ? y0 * width : 0

    try {
      if (bytes.length === 0) {
        decodeFallbackTile(table, row, gzipColumn, plainColumn, zbitpix, count, target, targetOffset, tileWhere)
      } else if (quantized) {
        const intsOut = ints as Int32Array
        decodeIntTile(info.type, bytes, count, blockSize, bytepix, 32, intsOut, 0, scratch, tileWhere)
        const scale = scaleColumn === undefined ? raw.getNumber('ZSCALE') : table.number(scaleColumn, row)
        const zero = zeroColumn === undefined ? raw.getNumber('ZZERO', 0) : table.number(zeroColumn, row)
        const blank =
          blankColumn === undefined ? (raw.get('ZBLANK') as number | undefined) : table.number(blankColumn, row)
        unquantize(intsOut, count, target as Float32Array | Float64Array, targetOffset, {
          scale,
          zero,
          method: info.quantize as QuantizeMethod,
          ditherRow: row + 1 + (info.ditherSeed ?? 1) - 1,
          blank,
        })
      } else {
        decodeIntTile(info.type, bytes, count, blockSize, bytepix, zbitpix, target, targetOffset, scratch, tileWhere)
      }
    } catch (error) {
      if (!(error instanceof FitsError)) throw error
      const at = {
        ...(error.hdu === undefined ? {} : { hdu: error.hdu }),
        ...(error.offset === undefined ? {} : { offset: error.offset }),
      }
      throw new FitsError(error.code, `tile ${row + 1} of ${table.layout.rows}: ${error.detail}`, at)
    }
    if (!fullRows) {
      for (let y = 0; y < th; y++) {
        out.set(target.subarray(y * tw, y * tw + tw) as never, (y0 + y) * width + x0)
      }
    }
  }
  return out
}

function decodeIntTile(
  type: CompressionType,
  bytes: Uint8Array,
  count: number,
  blockSize: number,
  bytepix: Bytepix,
  bitpix: Bitpix,
  target: StoredArray,
  offset: number,
  scratch: StoredArray | RiceArray | undefined,
  where: FitsLocation,
): void {
  if (type === 'RICE_1') {
    if (scratch === undefined) {
      riceDecode(bytes, count, blockSize, bytepix, target as RiceArray, offset, where)
    } else {
      riceDecode(bytes, count, blockSize, bytepix, scratch as RiceArray, 0, where)
      target.set(scratch.subarray(0, count) as never, offset)
    }
    return
  }
  const width = bytesPerPixel(bitpix)
  const plain = type === 'NOCOMPRESS' ? bytes : gunzip(bytes, where, type === 'GZIP_2' ? width : 1)
  if (plain.length < count * width) {
    throw new FitsError(FitsErrorCode.corruptTile, `tile holds ${plain.length} bytes, ${count * width} expected`, where)
  }
  target.set(decodePixels(plain, bitpix, count) as never, offset)
}

/** Tiles that could not be quantized are stored losslessly in another column. */
function decodeFallbackTile(
  table: TableReader,
  row: number,
  gzipColumn: Column | undefined,
  plainColumn: Column | undefined,
  zbitpix: Bitpix,
  count: number,
  target: StoredArray,
  offset: number,
  where: FitsLocation,
): void {
  const gzipped = gzipColumn === undefined ? undefined : table.heapBytes(gzipColumn, row)
  if (gzipped !== undefined && gzipped.length > 0) {
    target.set(decodePixels(gunzip(gzipped, where, 1), zbitpix, count) as never, offset)
    return
  }
  const plain = plainColumn === undefined ? undefined : table.heapBytes(plainColumn, row)
  if (plain !== undefined && plain.length > 0) {
    target.set(decodePixels(plain, zbitpix, count) as never, offset)
    return
  }
  if (count > 0) {
    throw new FitsError(FitsErrorCode.corruptTile, `tile ${row + 1} has no data in any column`, where)
  }
}
