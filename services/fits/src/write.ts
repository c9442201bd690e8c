// writeFits: HDUs (header, optional image, optional compression) -> FITS bytes.
// The writer owns the structure keywords (SIMPLE/XTENSION, BITPIX, NAXISn, EXTEND, PCOUNT,
// GCOUNT): the caller's header supplies everything else, in its order.

import { gzipSync } from 'node:zlib'
import { type Card, normalizeKey } from './card.ts'
import { FitsError, FitsErrorCode } from './errors.ts'
import { Header, type HeaderInit, paddedLength } from './header.ts'
import { checkImageInput, encodePixels, type ImageInput, type PixelArray, UINT16_BZERO } from './pixels.ts'
import { type Bytepix, type RiceArray, riceEncode } from './rice.ts'

export type WriteCompressionType = 'RICE_1' | 'GZIP_1'

export interface CompressOptions {
  readonly type: WriteCompressionType
  /** Tile size in pixels; default: one image row per tile (width x 1), as fpack and the camera do. */
  readonly tileWidth?: number
  readonly tileHeight?: number
  /** RICE_1 block size (default 32). */
  readonly blockSize?: number
}

export interface HduInput {
  readonly header?: HeaderInit
  readonly image?: ImageInput
  /** Tile-compress the image (integer images; not the primary HDU, which the convention forbids). */
  readonly compress?: WriteCompressionType | CompressOptions
}

// Checksums are dropped: they would not match the bytes written here.
const STRUCTURE_KEYS = /^(SIMPLE|XTENSION|BITPIX|NAXIS\d*|EXTEND|PCOUNT|GCOUNT|END|CHECKSUM|DATASUM)$/
const SCALING_KEYS = /^(BZERO|BSCALE)$/

interface Encoded {
  header: Uint8Array
  data: Uint8Array
}

function userCards(init: HeaderInit | undefined, dropScaling: boolean): Card[] {
  return Header.from(init ?? []).cards.filter((card) => {
    const key = normalizeKey(card.key)
    return !(card.value !== undefined && (STRUCTURE_KEYS.test(key) || (dropScaling && SCALING_KEYS.test(key))))
  })
}

/** BZERO/BSCALE cards for an image, or undefined to keep the caller's. */
function scalingCards(image: ImageInput): Card[] | undefined {
  if (image.data instanceof Uint16Array) {
    return [
      { key: 'BZERO', value: UINT16_BZERO, comment: 'unsigned 16-bit data' },
      { key: 'BSCALE', value: 1 },
    ]
  }
  if (image.bzero === undefined && image.bscale === undefined) return undefined
  const cards: Card[] = []
  if (image.bzero !== undefined && image.bzero !== 0) cards.push({ key: 'BZERO', value: image.bzero })
  if (image.bscale !== undefined && image.bscale !== 1) cards.push({ key: 'BSCALE', value: image.bscale })
  return cards
}

function encodeUncompressed(input: HduInput, index: number): Encoded {
  const image = input.image
  const bitpix = image === undefined ? 8 : checkImageInput(image, index)
  const cards: Card[] = [
    index === 0
      ? { key: 'SIMPLE', value: true, comment: 'conforms to FITS standard' }
      : { key: 'XTENSION', value: 'IMAGE' },
    { key: 'BITPIX', value: bitpix },
    { key: 'NAXIS', value: image === undefined ? 0 : 2 },
  ]
  if (image !== undefined) cards.push({ key: 'NAXIS1', value: image.width }, { key: 'NAXIS2', value: image.height })
  if (index === 0) cards.push({ key: 'EXTEND', value: true })
  else cards.push({ key: 'PCOUNT', value: 0 }, { key: 'GCOUNT', value: 1 })
  const scaling = image === undefined ? undefined : scalingCards(image)
  cards.push(...(scaling ?? []), ...userCards(input.header, scaling !== undefined))
  return {
    header: new Header(cards).toBytes(),
    data: image === undefined ? new Uint8Array(0) : encodePixels(image.data),
  }
}

/** The stored integers of a tile (Uint16Array values shifted into int16). */
function storedInts(data: PixelArray): RiceArray {
  if (data instanceof Uint16Array) {
    const stored = new Int16Array(data.length)
    for (let i = 0; i < data.length; i++) stored[i] = (data[i] as number) ^ 0x8000
    return stored
  }
  if (data instanceof Uint8Array || data instanceof Int16Array || data instanceof Int32Array) return data
  throw new Error('unreachable: float data was rejected before')
}

function encodeCompressed(input: HduInput, index: number, options: CompressOptions): Encoded {
  const image = input.image
  if (index === 0) {
    throw new FitsError(
      FitsErrorCode.unsupported,
      'the primary HDU cannot be tile-compressed: write a primary HDU without an image, then the image as an extension',
      { hdu: 0 },
    )
  }
  if (image === undefined) {
    throw new FitsError(FitsErrorCode.badImage, `compression ${options.type} was asked for an HDU without an image`, {
      hdu: index,
    })
  }
  const bitpix = checkImageInput(image, index)
  if (bitpix < 0) {
    throw new FitsError(
      FitsErrorCode.unsupported,
      `${options.type} writing is for integer images; this image has BITPIX ${bitpix}`,
      { hdu: index },
    )
  }
  const { width, height } = image
  const tileWidth = Math.min(options.tileWidth ?? width, width) || 1
  const tileHeight = Math.min(options.tileHeight ?? 1, height) || 1
  const blockSize = options.blockSize ?? 32
  const bytepix = (bitpix / 8) as Bytepix
  const ints = storedInts(image.data)
  const tilesX = Math.ceil(width / tileWidth)
  const tiles = tilesX * Math.ceil(height / tileHeight)
  const chunks: Uint8Array[] = []
  const scratch = ints.slice(0, tileWidth * tileHeight) as RiceArray
  for (let t = 0; t < tiles; t++) {
    const x0 = (t % tilesX) * tileWidth
    const y0 = Math.floor(t / tilesX) * tileHeight
    const tw = Math.min(tileWidth, width - x0)
    const th = Math.min(tileHeight, height - y0)
    let tile: RiceArray
    if (tw === width) {
      tile = ints.subarray(y0 * width, (y0 + th) * width)
    } else {
      for (let y = 0; y < th; y++) {
        scratch.set(ints.subarray((y0 + y) * width + x0, (y0 + y) * width + x0 + tw) as never, y * tw)
      }
      tile = scratch.subarray(0, tw * th)
    }
    chunks.push(options.type === 'RICE_1' ? riceEncode(tile, blockSize, bytepix) : gzipSync(encodePixels(tile)))
  }
  const heapSize = chunks.reduce((sum, chunk) => sum + chunk.length, 0)
  if (heapSize > 0x7fffffff) {
    throw new FitsError(FitsErrorCode.unsupported, `compressed heap of ${heapSize} bytes needs 64-bit descriptors`, {
      hdu: index,
    })
  }
  const maxLength = chunks.reduce((max, chunk) => Math.max(max, chunk.length), 0)
  const data = new Uint8Array(tiles * 8 + heapSize)
  const view = new DataView(data.buffer)
  let heapOffset = 0
  chunks.forEach((chunk, row) => {
    view.setUint32(row * 8, chunk.length)
    view.setUint32(row * 8 + 4, heapOffset)
    data.set(chunk, tiles * 8 + heapOffset)
    heapOffset += chunk.length
  })
  const cards: Card[] = [
    { key: 'XTENSION', value: 'BINTABLE', comment: 'binary table extension' },
    { key: 'BITPIX', value: 8 },
    { key: 'NAXIS', value: 2 },
    { key: 'NAXIS1', value: 8, comment: 'width of table in bytes' },
    { key: 'NAXIS2', value: tiles, comment: 'number of rows in table' },
    { key: 'PCOUNT', value: heapSize, comment: 'size of special data area' },
    { key: 'GCOUNT', value: 1 },
    { key: 'TFIELDS', value: 1 },
    { key: 'TTYPE1', value: 'COMPRESSED_DATA', comment: 'label for field 1' },
    { key: 'TFORM1', value: `1PB(${maxLength})`, comment: 'data format of field: variable length array' },
    { key: 'ZIMAGE', value: true, comment: 'extension contains compressed image' },
    { key: 'ZBITPIX', value: bitpix, comment: 'data type of original image' },
    { key: 'ZNAXIS', value: 2, comment: 'dimension of original image' },
    { key: 'ZNAXIS1', value: width, comment: 'length of original image axis' },
    { key: 'ZNAXIS2', value: height, comment: 'length of original image axis' },
    { key: 'ZTILE1', value: tileWidth, comment: 'size of tiles to be compressed' },
    { key: 'ZTILE2', value: tileHeight, comment: 'size of tiles to be compressed' },
    { key: 'ZCMPTYPE', value: options.type, comment: 'compression algorithm' },
  ]
  if (options.type === 'RICE_1') {
    cards.push(
      { key: 'ZNAME1', value: 'BLOCKSIZE', comment: 'compression block size' },
      { key: 'ZVAL1', value: blockSize, comment: 'pixels per block' },
      { key: 'ZNAME2', value: 'BYTEPIX', comment: 'bytes per pixel (1, 2, 4, or 8)' },
      { key: 'ZVAL2', value: bytepix, comment: 'bytes per pixel (1, 2, 4, or 8)' },
    )
  }
  const scaling = scalingCards(image)
  cards.push(...(scaling ?? []), ...userCards(input.header, scaling !== undefined))
  return { header: new Header(cards).toBytes(), data }
}

function compressOptions(compress: HduInput['compress']): CompressOptions | undefined {
  if (compress === undefined) return undefined
  return typeof compress === 'string' ? { type: compress } : compress
}

/** Writes HDUs to FITS bytes. The first HDU is the primary (an image or none). */
export function writeFits(hdus: readonly HduInput[]): Uint8Array {
  const encoded = (hdus.length === 0 ? [{}] : hdus).map((input, index) => {
    const options = compressOptions(input.compress)
    return options === undefined ? encodeUncompressed(input, index) : encodeCompressed(input, index, options)
  })
  const total = encoded.reduce((sum, hdu) => sum + hdu.header.length + paddedLength(hdu.data.length), 0)
  const out = new Uint8Array(total)
  let offset = 0
  for (const hdu of encoded) {
    out.set(hdu.header, offset)
    offset += hdu.header.length
    out.set(hdu.data, offset)
    offset += paddedLength(hdu.data.length) // data padding is zeros
  }
  return out
}
