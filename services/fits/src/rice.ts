// Rice compression as in the FITS tiled-image convention (RICE_1; cfitsio's ricecomp.c):
// first pixel verbatim (bytepix bytes, big-endian), then blocks of `blockSize` differences,
// each block with an FS code of fsBits: 0 = all differences zero, fsMax + 1 = differences
// stored verbatim in bbits, otherwise Rice codes with FS = code - 1 (unary high bits, FS low bits).
// Differences wrap modulo 2^bbits and are zigzag-mapped ((d << 1) ^ (d >> 31)).

import { FitsError, FitsErrorCode, type FitsLocation } from './errors.ts'

export type Bytepix = 1 | 2 | 4

interface RiceParams {
  fsBits: number
  fsMax: number
  bbits: number
}

const PARAMS: Record<Bytepix, RiceParams> = {
  1: { fsBits: 3, fsMax: 6, bbits: 8 },
  2: { fsBits: 4, fsMax: 14, bbits: 16 },
  4: { fsBits: 5, fsMax: 25, bbits: 32 },
}

export type RiceArray = Uint8Array | Int16Array | Int32Array

/**
 * Decodes one Rice-compressed tile of `count` pixels into `out` at `outOffset`. The typed
 * array's own wrap-around on store gives the modulo-2^bbits arithmetic of the format.
 */
export function riceDecode(
  input: Uint8Array,
  count: number,
  blockSize: number,
  bytepix: Bytepix,
  out: RiceArray,
  outOffset: number,
  where: FitsLocation = {},
): void {
  const { fsBits, fsMax, bbits } = PARAMS[bytepix]
  const end = input.length
  if (end < bytepix + 1 && count > 0) {
    throw new FitsError(FitsErrorCode.corruptTile, `Rice tile of ${end} bytes is too short`, where)
  }
  let c = 0
  let lastpix = 0
  for (let k = 0; k < bytepix; k++) lastpix = lastpix * 256 + (input[c++] as number)
  // Bytes past the end read as 0: a corrupt tile then fails the length check below
  // instead of looping forever.
  let b = input[c++] as number
  let nbits = 8
  const outEnd = outOffset + count
  let o = outOffset
  while (o < outEnd) {
    nbits -= fsBits
    while (nbits < 0) {
      b = (b << 8) | ((input[c++] as number) | 0)
      nbits += 8
    }
    const fs = (b >>> nbits) - 1
    b &= (1 << nbits) - 1
    let imax = o + blockSize
    if (imax > outEnd) imax = outEnd
    if (fs < 0) {
      out.fill(lastpix, o, imax)
      // fill stores the wrapped value; read it back so lastpix stays in range
      if (imax > o) lastpix = out[imax - 1] as number
      o = imax
    } else if (fs === fsMax) {
      for (; o < imax; o++) {
        let k = bbits - nbits
        let diff = b * 2 ** k
        for (k -= 8; k >= 0; k -= 8) {
          b = (input[c++] as number) | 0
          diff += b * 2 ** k
        }
        if (nbits > 0) {
          b = (input[c++] as number) | 0
          diff += b >>> -k
          b &= (1 << nbits) - 1
        } else {
          b = 0
        }
        const d = diff >>> 0
        out[o] = (d & 1 ? ~(d >>> 1) : d >>> 1) + lastpix
        lastpix = out[o] as number
      }
    } else {
      for (; o < imax; o++) {
        while (b === 0) {
          if (c >= end) {
            throw new FitsError(
              FitsErrorCode.corruptTile,
              `Rice tile ends early at pixel ${o - outOffset} of ${count}`,
              where,
            )
          }
          nbits += 8
          b = input[c++] as number
        }
        const nzero = nbits - (32 - Math.clz32(b))
        nbits -= nzero + 1
        b ^= 1 << nbits
        nbits -= fs
        while (nbits < 0) {
          b = (b << 8) | ((input[c++] as number) | 0)
          nbits += 8
        }
        // wraps modulo 2^32 exactly like the C unsigned arithmetic
        const d = ((nzero << fs) | (b >>> nbits)) >>> 0
        b &= (1 << nbits) - 1
        out[o] = (d & 1 ? ~(d >>> 1) : d >>> 1) + lastpix
        lastpix = out[o] as number
      }
    }
  }
  if (c > end) {
    throw new FitsError(FitsErrorCode.corruptTile, `Rice tile data ends ${c - end} bytes early`, where)
  }
}

/** A growable big-endian bit writer. */
class BitWriter {
  bytes: Uint8Array
  length = 0
  #acc = 0
  #bits = 0

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(16, capacity))
  }

  #ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra))
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }

  /** Writes the low `n` bits of `value` (n <= 32). */
  write(value: number, n: number): void {
    if (n > 24) {
      this.write(Math.floor((value >>> 0) / 65536), n - 16)
      this.write(value & 0xffff, 16)
      return
    }
    this.#ensure(4)
    this.#acc = (this.#acc << n) | (value & ((1 << n) - 1))
    this.#bits += n
    while (this.#bits >= 8) {
      this.#bits -= 8
      this.bytes[this.length++] = (this.#acc >>> this.#bits) & 0xff
    }
    this.#acc &= (1 << this.#bits) - 1
  }

  /** Writes `count` zero bits followed by a one bit (the unary part of a Rice code). */
  unary(count: number): void {
    let zeros = count
    while (zeros >= 16) {
      this.write(0, 16)
      zeros -= 16
    }
    this.write(1, zeros + 1)
  }

  finish(): Uint8Array {
    if (this.#bits > 0) {
      this.#ensure(1)
      this.bytes[this.length++] = (this.#acc << (8 - this.#bits)) & 0xff
      this.#bits = 0
      this.#acc = 0
    }
    return this.bytes.slice(0, this.length)
  }
}

/** Rice-compresses `values` (integers already in the stored range of bytepix bytes). */
export function riceEncode(values: RiceArray, blockSize: number, bytepix: Bytepix): Uint8Array {
  const { fsBits, fsMax, bbits } = PARAMS[bytepix]
  const writer = new BitWriter(values.length * bytepix + 16)
  const count = values.length
  if (count === 0) return writer.finish()
  const shift = 32 - bbits
  const diffs = new Uint32Array(blockSize)
  let lastpix = values[0] as number
  writer.write(lastpix, bbits)
  for (let i = 0; i < count; i += blockSize) {
    const thisBlock = Math.min(blockSize, count - i)
    let pixelSum = 0
    for (let j = 0; j < thisBlock; j++) {
      const next = values[i + j] as number
      // difference wrapped to bbits, sign-extended, then zigzag-mapped
      const pdiff = ((next - lastpix) << shift) >> shift
      const diff = ((pdiff << 1) ^ (pdiff >> 31)) >>> 0
      diffs[j] = diff
      pixelSum += diff
      lastpix = next
    }
    let dpsum = (pixelSum - Math.floor(thisBlock / 2) - 1) / thisBlock
    if (dpsum < 0) dpsum = 0
    let psum = Math.floor(dpsum) >>> 1
    let fs = 0
    for (; psum > 0; fs++) psum >>>= 1
    if (fs >= fsMax) {
      writer.write(fsMax + 1, fsBits)
      for (let j = 0; j < thisBlock; j++) writer.write(diffs[j] as number, bbits)
    } else if (fs === 0 && pixelSum === 0) {
      writer.write(0, fsBits)
    } else {
      writer.write(fs + 1, fsBits)
      const fsMask = (1 << fs) - 1
      for (let j = 0; j < thisBlock; j++) {
        const v = diffs[j] as number
        writer.unary(v >>> fs)
        if (fs > 0) writer.write(v & fsMask, fs)
      }
    }
  }
  return writer.finish()
}
