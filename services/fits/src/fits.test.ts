import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatCard } from './card.ts'
import { FitsErrorCode } from './errors.ts'
import { BLOCK_SIZE, Header } from './header.ts'
import { type PixelArray, toFloat32 } from './pixels.ts'
import { readFits } from './read.ts'
import { writeFits } from './write.ts'

const W = 37
const H = 11
const ramp = <T extends PixelArray>(make: (n: number) => T, f: (i: number) => number): T => {
  const data = make(W * H)
  for (let i = 0; i < data.length; i++) data[i] = f(i)
  return data
}
const arrays: Record<string, PixelArray> = {
  uint8: ramp(
    (n) => new Uint8Array(n),
    (i) => (i * 13) % 256,
  ),
  int16: ramp(
    (n) => new Int16Array(n),
    (i) => ((i * 977) % 65536) - 32768,
  ),
  uint16: ramp(
    (n) => new Uint16Array(n),
    (i) => (i * 977) % 65536,
  ),
  int32: ramp(
    (n) => new Int32Array(n),
    (i) => (i * 2654435761) | 0,
  ),
  float32: ramp(
    (n) => new Float32Array(n),
    (i) => Math.fround(Math.sin(i) * 1e5),
  ),
  float64: ramp(
    (n) => new Float64Array(n),
    (i) => Math.cos(i) / 3,
  ),
}

/** Replaces the first card with this key in a file's bytes (same 80-column slot). */
function patchCard(bytes: Uint8Array, key: string, value: string | number): Uint8Array {
  const copy = bytes.slice()
  const text = new TextDecoder('latin1').decode(copy)
  const at = text.search(new RegExp(`${key.padEnd(8)}= `))
  const [image] = formatCard({ key, value })
  for (let i = 0; i < 80; i++) copy[at + i] = (image as string).charCodeAt(i)
  return copy
}

describe('writeFits / readFits', () => {
  it('round-trips every BITPIX, with the unsigned-16 convention, in one multi-extension file', () => {
    const names = Object.keys(arrays)
    const bytes = writeFits([
      { header: { OBSID: 'MC_O_20250415_000228' } },
      ...names.map((name) => ({
        header: { EXTNAME: name },
        image: { width: W, height: H, data: arrays[name] as PixelArray },
      })),
    ])
    expect(bytes.length % BLOCK_SIZE).toBe(0)
    const file = readFits(bytes)
    expect(file.hdus).toHaveLength(names.length + 1)
    expect(file.hdus[0]?.hasImage).toBe(false)
    expect(file.hdus[0]?.header.get('OBSID')).toBe('MC_O_20250415_000228')
    expect(() => file.hdus[0]?.image()).toThrow(expect.objectContaining({ code: FitsErrorCode.noImage, hdu: 0 }))
    for (const name of names) {
      const hdu = file.hdu(name)
      const image = hdu.image()
      expect(image.data.constructor).toBe(arrays[name]?.constructor)
      expect(image.data).toEqual(arrays[name])
      expect([image.width, image.height]).toEqual([W, H])
    }
    const unsigned = file.hdu('uint16')
    expect([unsigned.header.get('BITPIX'), unsigned.header.get('BZERO')]).toEqual([16, 32768])
    expect(() => file.hdu('nope')).toThrow(expect.objectContaining({ code: FitsErrorCode.hduNotFound }))
  })

  it('writes a primary image, keeps user cards in order and owns the structure keywords', () => {
    const header = Header.from({ BITPIX: -64, NAXIS: 3, OBJECT: 'x', CHECKSUM: 'stale', COMMENT: 'kept' })
    const bytes = writeFits([{ header, image: { width: W, height: H, data: arrays.int16 as PixelArray } }])
    const hdu = readFits(bytes).hdus[0]
    expect(hdu?.header.cards.map((c) => c.key)).toEqual([
      'SIMPLE',
      'BITPIX',
      'NAXIS',
      'NAXIS1',
      'NAXIS2',
      'EXTEND',
      'OBJECT',
      'COMMENT',
    ])
    expect(hdu?.image().data).toEqual(arrays.int16)
  })

  it('applies BZERO/BSCALE in toFloat32', () => {
    const data = Int16Array.from([0, 1, -2, 100])
    const file = readFits(writeFits([{ image: { width: 2, height: 2, data, bzero: 10, bscale: 0.5 } }]))
    const image = file.hdus[0]?.image()
    expect([image?.bzero, image?.bscale]).toEqual([10, 0.5])
    expect(image?.data).toEqual(data)
    expect(Array.from(file.hdus[0]?.toFloat32() ?? [])).toEqual([10, 10.5, 9, 60])
    expect(toFloat32({ data: Uint16Array.from([65535]), bzero: 0, bscale: 1 })[0]).toBe(65535)
  })

  it('checks the image it is given', () => {
    expect(() => writeFits([{ image: { width: 3, height: 3, data: new Int32Array(8) } }])).toThrow(
      expect.objectContaining({ code: FitsErrorCode.badImage, hdu: 0 }),
    )
    expect(() => writeFits([{ image: { width: 2, height: 2, bitpix: 16, data: new Int32Array(4) } }])).toThrow(
      expect.objectContaining({ code: FitsErrorCode.badImage }),
    )
  })

  it('round-trips random images of every type (property)', () => {
    const typed = fc.oneof(
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 200 }).map((xs) => Uint8Array.from(xs)),
      fc
        .array(fc.integer({ min: -32768, max: 32767 }), { minLength: 1, maxLength: 200 })
        .map((xs) => Int16Array.from(xs)),
      fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 1, maxLength: 200 }).map((xs) => Uint16Array.from(xs)),
      fc.array(fc.integer(), { minLength: 1, maxLength: 200 }).map((xs) => Int32Array.from(xs)),
      fc.float32Array({ minLength: 1, maxLength: 200 }),
      fc.float64Array({ minLength: 1, maxLength: 200 }),
    )
    fc.assert(
      fc.property(typed, fc.boolean(), (data: PixelArray, compress) => {
        const integer = !(data instanceof Float32Array || data instanceof Float64Array)
        const hdu = {
          image: { width: data.length, height: 1, data },
          ...(compress && integer ? { compress: 'RICE_1' as const } : {}),
        }
        const image = readFits(writeFits([{}, hdu])).hdus[1]?.image()
        expect(image?.data).toEqual(data)
      }),
      { numRuns: 150 },
    )
  })
})

describe('tile compression', () => {
  const integerNames = ['uint8', 'int16', 'uint16', 'int32']

  it('round-trips RICE_1 and GZIP_1 for integer images with row and rectangular tiles', () => {
    for (const compress of [
      'RICE_1' as const,
      { type: 'RICE_1' as const, tileWidth: 10, tileHeight: 4, blockSize: 16 },
      'GZIP_1' as const,
      { type: 'GZIP_1' as const, tileHeight: 3 },
    ]) {
      const bytes = writeFits([
        {},
        ...integerNames.map((name) => ({
          header: { EXTNAME: name, CCDSLOT: 'S00' },
          image: { width: W, height: H, data: arrays[name] as PixelArray },
          compress,
        })),
      ])
      const file = readFits(bytes)
      for (const name of integerNames) {
        const hdu = file.hdu(name)
        expect(hdu.compression?.type).toBe(typeof compress === 'string' ? compress : compress.type)
        expect(hdu.type).toBe('IMAGE')
        expect(hdu.rawHeader.get('XTENSION')).toBe('BINTABLE')
        expect(hdu.header.get('XTENSION')).toBe('IMAGE')
        expect(hdu.header.get('NAXIS1')).toBe(W)
        expect(hdu.header.get('CCDSLOT')).toBe('S00')
        expect(hdu.header.has('ZBITPIX')).toBe(false)
        expect(hdu.image().data).toEqual(arrays[name])
      }
    }
  })

  it('refuses to compress float images or the primary HDU', () => {
    const image = { width: W, height: H, data: arrays.float32 as PixelArray }
    expect(() => writeFits([{}, { image, compress: 'RICE_1' }])).toThrow(
      expect.objectContaining({ code: FitsErrorCode.unsupported, hdu: 1 }),
    )
    expect(() => writeFits([{ image: { ...image, data: arrays.int32 as PixelArray }, compress: 'RICE_1' }])).toThrow(
      expect.objectContaining({ code: FitsErrorCode.unsupported, hdu: 0 }),
    )
  })

  it('names an unknown compression algorithm', () => {
    const bytes = writeFits([
      {},
      { image: { width: W, height: H, data: arrays.int32 as PixelArray }, compress: 'RICE_1' },
    ])
    expect(() => readFits(patchCard(bytes, 'ZCMPTYPE', 'HCOMPRESS_1'))).toThrow(
      expect.objectContaining({
        code: FitsErrorCode.unknownCompression,
        hdu: 1,
        message: expect.stringContaining('HCOMPRESS_1'),
      }),
    )
  })

  it('reports a corrupt tile with its tile number and byte offset', () => {
    const bytes = writeFits([
      {},
      { image: { width: W, height: H, data: arrays.int32 as PixelArray }, compress: 'RICE_1' },
    ])
    const hdu = readFits(bytes).hdus[1]
    const corrupt = bytes.slice()
    // shorten the first tile's descriptor to 5 bytes: its Rice codes then run past the end
    new DataView(corrupt.buffer).setUint32(hdu?.dataOffset ?? 0, 5)
    expect(() => readFits(corrupt).hdus[1]?.image()).toThrow(
      expect.objectContaining({
        code: FitsErrorCode.corruptTile,
        hdu: 1,
        message: expect.stringMatching(/tile 1 of 11/),
      }),
    )
  })
})

describe('errors in files', () => {
  const bytes = writeFits([{ header: { A: 1 } }, { image: { width: W, height: H, data: arrays.int32 as PixelArray } }])

  it('not FITS', () => {
    expect(() => readFits(new TextEncoder().encode('hello world, not fits'))).toThrow(
      expect.objectContaining({ code: FitsErrorCode.notFits }),
    )
  })

  it('truncated data', () => {
    expect(() => readFits(bytes.subarray(0, BLOCK_SIZE * 2 + 100))).toThrow(
      expect.objectContaining({ code: FitsErrorCode.truncated, hdu: 1, offset: BLOCK_SIZE }),
    )
  })

  it('bad block size: missing padding or trailing bytes', () => {
    const dataEnd = BLOCK_SIZE * 2 + W * H * 4
    expect(() => readFits(bytes.subarray(0, dataEnd))).toThrow(
      expect.objectContaining({ code: FitsErrorCode.badBlockSize, hdu: 1 }),
    )
    const longer = new Uint8Array(bytes.length + 100)
    longer.set(bytes)
    expect(() => readFits(longer)).toThrow(
      expect.objectContaining({ code: FitsErrorCode.badBlockSize, hdu: 2, offset: bytes.length }),
    )
  })

  it('missing END', () => {
    const noEnd = bytes.slice(0, BLOCK_SIZE)
    const text = new TextDecoder('latin1').decode(noEnd)
    noEnd.fill(32, text.indexOf('END     '), text.indexOf('END     ') + 80)
    expect(() => readFits(noEnd)).toThrow(expect.objectContaining({ code: FitsErrorCode.missingEnd, hdu: 0 }))
  })

  it('bad BITPIX and a bad extension start', () => {
    expect(() => readFits(patchCard(bytes, 'BITPIX', 12))).toThrow(
      expect.objectContaining({ code: FitsErrorCode.badBitpix, hdu: 0 }),
    )
    const junk = bytes.slice()
    junk.fill(65, BLOCK_SIZE, BLOCK_SIZE + 10)
    expect(() => readFits(junk)).toThrow(
      expect.objectContaining({ code: FitsErrorCode.badExtension, hdu: 1, offset: BLOCK_SIZE }),
    )
  })
})
