// Pixel arrays: FITS big-endian bytes <-> typed arrays, BZERO/BSCALE, toFloat32.
// Conversions work on whole buffers (copy, then swap bytes through a Uint32/Uint16 view):
// no per-pixel DataView calls and no allocation per pixel.

import { FitsError, FitsErrorCode } from './errors.ts'

export type Bitpix = 8 | 16 | 32 | -32 | -64
export const BITPIX_VALUES: readonly Bitpix[] = [8, 16, 32, -32, -64]

export type PixelArray = Uint8Array | Int16Array | Uint16Array | Int32Array | Float32Array | Float64Array

/** A decoded image. `data` is row-major (index = y * width + x), physical = data * bscale + bzero. */
export interface FitsImage {
  readonly width: number
  readonly height: number
  readonly bitpix: Bitpix
  readonly data: PixelArray
  /** Applied by toFloat32; 0 when `data` already holds physical values (e.g. Uint16Array). */
  readonly bzero: number
  readonly bscale: number
  /** NAXIS1..NAXISn; images of more than two axes have height = NAXIS2 * NAXIS3 * ... */
  readonly axes: readonly number[]
}

/** What writeFits takes: bitpix is inferred from the array type when absent. */
export interface ImageInput {
  readonly width: number
  readonly height: number
  readonly data: PixelArray
  readonly bitpix?: Bitpix
  readonly bzero?: number
  readonly bscale?: number
}

export const UINT16_BZERO = 32768

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

export function isBitpix(value: unknown): value is Bitpix {
  return BITPIX_VALUES.includes(value as Bitpix)
}

export function bytesPerPixel(bitpix: Bitpix): number {
  return Math.abs(bitpix) / 8
}

/** The BITPIX an array type is stored with (Uint16Array: 16 with BZERO 32768). */
export function bitpixOf(data: PixelArray): Bitpix {
  if (data instanceof Uint8Array) return 8
  if (data instanceof Int16Array || data instanceof Uint16Array) return 16
  if (data instanceof Int32Array) return 32
  if (data instanceof Float32Array) return -32
  return -64
}

function swap16(words: Uint16Array): void {
  for (let i = 0; i < words.length; i++) {
    const v = words[i] as number
    words[i] = (v >>> 8) | (v << 8)
  }
}

function swap32(words: Uint32Array): void {
  for (let i = 0; i < words.length; i++) {
    const v = words[i] as number
    words[i] = ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)
  }
}

function swap64(words: Uint32Array): void {
  for (let i = 0; i < words.length; i += 2) {
    const lo = words[i] as number
    const hi = words[i + 1] as number
    words[i] = ((hi & 0xff) << 24) | ((hi & 0xff00) << 8) | ((hi >>> 8) & 0xff00) | (hi >>> 24)
    words[i + 1] = ((lo & 0xff) << 24) | ((lo & 0xff00) << 8) | ((lo >>> 8) & 0xff00) | (lo >>> 24)
  }
}

/** Swaps big-endian words in place to host order (a no-op on big-endian hosts). */
export function bigEndianToHost(buffer: ArrayBuffer, width: 1 | 2 | 4 | 8): void {
  if (!littleEndianHost || width === 1) return
  if (width === 2) swap16(new Uint16Array(buffer))
  else if (width === 4) swap32(new Uint32Array(buffer))
  else swap64(new Uint32Array(buffer))
}

/** Copies `count` big-endian values from `bytes` into a new typed array of the BITPIX type. */
export function decodePixels(
  bytes: Uint8Array,
  bitpix: Bitpix,
  count: number,
): Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array {
  const width = bytesPerPixel(bitpix) as 1 | 2 | 4 | 8
  const buffer = new ArrayBuffer(count * width)
  new Uint8Array(buffer).set(bytes.subarray(0, count * width))
  bigEndianToHost(buffer, width)
  switch (bitpix) {
    case 8:
      return new Uint8Array(buffer)
    case 16:
      return new Int16Array(buffer)
    case 32:
      return new Int32Array(buffer)
    case -32:
      return new Float32Array(buffer)
    case -64:
      return new Float64Array(buffer)
  }
}

/** Big-endian bytes of an array as stored (Uint16Array values are shifted by -32768). */
export function encodePixels(data: PixelArray): Uint8Array {
  if (data instanceof Uint16Array) {
    const stored = new Uint16Array(data.length)
    for (let i = 0; i < data.length; i++) stored[i] = (data[i] as number) ^ 0x8000 // == value - 32768 as int16
    return encodePixels(new Int16Array(stored.buffer))
  }
  const width = data.BYTES_PER_ELEMENT as 1 | 2 | 4 | 8
  const copy = new Uint8Array(data.length * width)
  copy.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
  bigEndianToHost(copy.buffer, width) // the swap is its own inverse
  return copy
}

/**
 * Applies the unsigned-16 convention (BITPIX 16, BZERO 32768, BSCALE 1): the stored int16
 * values become a Uint16Array of physical values. Other arrays are returned unchanged.
 */
export function applyUnsignedConvention(
  data: Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array,
  bzero: number,
  bscale: number,
): { data: PixelArray; bzero: number; bscale: number } {
  if (data instanceof Int16Array && bzero === UINT16_BZERO && bscale === 1) {
    const unsigned = new Uint16Array(data.buffer, data.byteOffset, data.length)
    for (let i = 0; i < unsigned.length; i++) unsigned[i] = (unsigned[i] as number) ^ 0x8000
    return { data: unsigned, bzero: 0, bscale: 1 }
  }
  return { data, bzero, bscale }
}

/** Physical values as float32: data * bscale + bzero (always a new array). */
export function toFloat32(image: Pick<FitsImage, 'data' | 'bzero' | 'bscale'>): Float32Array {
  const { data, bzero, bscale } = image
  const out = new Float32Array(data.length)
  // Plain loops: V8's cross-type TypedArray.set is several times slower.
  if (bzero === 0 && bscale === 1) {
    for (let i = 0; i < data.length; i++) out[i] = data[i] as number
    return out
  }
  for (let i = 0; i < data.length; i++) out[i] = (data[i] as number) * bscale + bzero
  return out
}

export function checkImageInput(image: ImageInput, hdu: number): Bitpix {
  const natural = bitpixOf(image.data)
  const bitpix = image.bitpix ?? natural
  if (bitpix !== natural) {
    throw new FitsError(
      FitsErrorCode.badImage,
      `image bitpix ${bitpix} does not match its ${image.data.constructor.name} (bitpix ${natural})`,
      { hdu },
    )
  }
  if (!Number.isInteger(image.width) || !Number.isInteger(image.height) || image.width < 0 || image.height < 0) {
    throw new FitsError(FitsErrorCode.badImage, `image size ${image.width}x${image.height} is not valid`, { hdu })
  }
  if (image.width * image.height !== image.data.length) {
    throw new FitsError(
      FitsErrorCode.badImage,
      `image is ${image.width}x${image.height} = ${image.width * image.height} pixels but data has ${image.data.length}`,
      { hdu },
    )
  }
  return bitpix
}
