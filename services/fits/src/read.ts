// readFits: walks the HDUs of a FITS file (headers parsed at once, pixels decoded on demand).

import { FitsError, FitsErrorCode, type FitsLocation } from './errors.ts'
import { BLOCK_SIZE, type Header, paddedLength, parseHeader } from './header.ts'
import { applyUnsignedConvention, type Bitpix, decodePixels, type FitsImage, isBitpix, toFloat32 } from './pixels.ts'
import { type CompressionInfo, compressionInfo, decompressImage, imageHeaderOf, isCompressedImage } from './tiled.ts'

export interface FitsHdu {
  /** 0 for the primary HDU. */
  readonly index: number
  /** 'PRIMARY' or the XTENSION value ('IMAGE', 'BINTABLE', ...); a compressed image says 'IMAGE'. */
  readonly type: string
  /** EXTNAME, if any. */
  readonly name: string | undefined
  /** The header callers use: for a compressed image, the image's header (Z* keywords mapped back). */
  readonly header: Header
  /** The header as stored in the file (for a compressed image: the BINTABLE's). */
  readonly rawHeader: Header
  /** Set when the image is tile-compressed. */
  readonly compression: CompressionInfo | undefined
  /** True when image() will return pixels. */
  readonly hasImage: boolean
  /** Byte offsets in the file: header start, data start; data length without padding. */
  readonly offset: number
  readonly dataOffset: number
  readonly dataLength: number
  /** Decodes the pixels (on every call: keep the result). Throws FITS_NO_IMAGE when there are none. */
  image(): FitsImage
  /** Physical pixel values as float32 (BZERO/BSCALE applied). */
  toFloat32(): Float32Array
}

export interface FitsFile {
  readonly hdus: readonly FitsHdu[]
  /** An HDU by index or EXTNAME (case-insensitive); throws FITS_HDU_NOT_FOUND. */
  hdu(which: number | string): FitsHdu
}

function dataSize(header: Header, bitpix: Bitpix, primary: boolean): { axes: number[]; bytes: number } {
  const naxis = header.getInteger('NAXIS')
  const axes = Array.from({ length: naxis }, (_, n) => header.getInteger(`NAXIS${n + 1}`))
  if (naxis === 0) return { axes, bytes: 0 }
  const pixels = axes.reduce((product, size) => product * size, 1)
  const pcount = primary ? 0 : header.getInteger('PCOUNT', 0)
  const gcount = primary ? 1 : header.getInteger('GCOUNT', 1)
  return { axes, bytes: (Math.abs(bitpix) / 8) * gcount * (pcount + pixels) }
}

class Hdu implements FitsHdu {
  readonly index: number
  readonly type: string
  readonly name: string | undefined
  readonly header: Header
  readonly rawHeader: Header
  readonly compression: CompressionInfo | undefined
  readonly hasImage: boolean
  readonly offset: number
  readonly dataOffset: number
  readonly dataLength: number
  readonly #data: Uint8Array
  readonly #axes: readonly number[]

  constructor(index: number, offset: number, rawHeader: Header, dataOffset: number, data: Uint8Array, axes: number[]) {
    this.index = index
    this.offset = offset
    this.rawHeader = rawHeader
    this.dataOffset = dataOffset
    this.dataLength = data.length
    this.#data = data
    const where = { hdu: index, offset }
    if (isCompressedImage(rawHeader)) {
      this.compression = compressionInfo(rawHeader, where)
      this.header = imageHeaderOf(rawHeader)
      this.type = 'IMAGE'
      this.#axes = Array.from({ length: rawHeader.getInteger('ZNAXIS') }, (_, n) =>
        rawHeader.getInteger(`ZNAXIS${n + 1}`),
      )
      this.hasImage = this.#axes.length > 0 && this.#axes.every((size) => size > 0)
    } else {
      this.compression = undefined
      this.header = rawHeader
      this.type = index === 0 ? 'PRIMARY' : rawHeader.getString('XTENSION').trim()
      this.#axes = axes
      this.hasImage = (this.type === 'PRIMARY' || this.type === 'IMAGE') && axes.length > 0 && axes.every((n) => n > 0)
    }
    const extname = this.header.get('EXTNAME')
    this.name = typeof extname === 'string' ? extname.trim() : undefined
  }

  image(): FitsImage {
    const where: FitsLocation = { hdu: this.index, offset: this.dataOffset }
    if (!this.hasImage) {
      const why = this.#axes.length === 0 ? 'NAXIS = 0' : `type ${this.type}, axes ${this.#axes.join('x')}`
      throw new FitsError(FitsErrorCode.noImage, `HDU has no image data (${why})`, where)
    }
    const bitpix = this.header.getInteger('BITPIX') as Bitpix
    const width = this.#axes[0] as number
    const height = this.#axes.slice(1).reduce((product, size) => product * size, 1)
    const stored =
      this.compression === undefined
        ? decodePixels(this.#data, bitpix, width * height)
        : decompressImage(this.rawHeader, this.#data, where)
    const scaled = applyUnsignedConvention(
      stored,
      this.header.getNumber('BZERO', 0),
      this.header.getNumber('BSCALE', 1),
    )
    return { width, height, bitpix, axes: [...this.#axes], ...scaled }
  }

  toFloat32(): Float32Array {
    return toFloat32(this.image())
  }
}

/** Reads a whole FITS file held in memory. Pixels are decoded only by `hdu.image()`. */
export function readFits(bytes: Uint8Array): FitsFile {
  if (bytes.length < 10 || String.fromCharCode(...bytes.subarray(0, 10)) !== 'SIMPLE  = ') {
    throw new FitsError(FitsErrorCode.notFits, 'not a FITS file: it does not start with SIMPLE  = ', { offset: 0 })
  }
  const hdus: Hdu[] = []
  let offset = 0
  while (offset < bytes.length) {
    const index = hdus.length
    if (index > 0) {
      if (bytes.length - offset < BLOCK_SIZE) {
        throw new FitsError(
          FitsErrorCode.badBlockSize,
          `${bytes.length - offset} bytes after the last HDU: file length ${bytes.length} is not a multiple of ${BLOCK_SIZE}`,
          { hdu: index, offset },
        )
      }
      if (String.fromCharCode(...bytes.subarray(offset, offset + 10)) !== 'XTENSION= ') {
        throw new FitsError(FitsErrorCode.badExtension, 'expected an extension header starting with XTENSION= ', {
          hdu: index,
          offset,
        })
      }
    }
    const { header, end } = parseHeader(bytes, offset, index)
    const where = { hdu: index, offset }
    const bitpix = header.getInteger('BITPIX')
    if (!isBitpix(bitpix)) {
      throw new FitsError(FitsErrorCode.badBitpix, `BITPIX = ${bitpix} is not one of 8, 16, 32, -32, -64`, where)
    }
    if (index === 0 && header.get('SIMPLE') !== true) {
      throw new FitsError(FitsErrorCode.notFits, 'primary header does not say SIMPLE = T', where)
    }
    const { axes, bytes: length } = dataSize(header, bitpix, index === 0)
    if (end + length > bytes.length) {
      throw new FitsError(
        FitsErrorCode.truncated,
        `file is truncated: data needs ${length} bytes from offset ${end} but the file ends at ${bytes.length}`,
        where,
      )
    }
    const next = end + paddedLength(length)
    if (next > bytes.length) {
      throw new FitsError(
        FitsErrorCode.badBlockSize,
        `data padding is missing: file length ${bytes.length} is not a multiple of ${BLOCK_SIZE} (HDU ends at ${next})`,
        where,
      )
    }
    hdus.push(new Hdu(index, offset, header, end, bytes.subarray(end, end + length), axes))
    offset = next
  }
  return {
    hdus,
    hdu(which: number | string): FitsHdu {
      const found =
        typeof which === 'number'
          ? hdus[which]
          : hdus.find((hdu) => hdu.name?.toUpperCase() === which.trim().toUpperCase())
      if (found === undefined) {
        throw new FitsError(FitsErrorCode.hduNotFound, `no HDU ${JSON.stringify(which)} among ${hdus.length} HDUs`)
      }
      return found
    },
  }
}
