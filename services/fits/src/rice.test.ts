import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FitsErrorCode } from './errors.ts'
import { type Bytepix, type RiceArray, riceDecode, riceEncode } from './rice.ts'

function roundTrip(values: RiceArray, bytepix: Bytepix, blockSize = 32): RiceArray {
  const packed = riceEncode(values, blockSize, bytepix)
  const out = new (values.constructor as new (n: number) => RiceArray)(values.length)
  riceDecode(packed, values.length, blockSize, bytepix, out, 0)
  return out
}

describe('Rice coding', () => {
  it('round-trips low-entropy, normal and high-entropy blocks for every BYTEPIX', () => {
    const n = 32 * 6 + 7 // a short last block
    const flat = (v: number) => Array.from({ length: n }, () => v)
    const noisy = (spread: number, base: number) => Array.from({ length: n }, (_, i) => base + ((i * 7919) % spread))
    const cases: [Bytepix, RiceArray][] = [
      [4, Int32Array.from(flat(20000))],
      [4, Int32Array.from(noisy(40, 20000))],
      [4, Int32Array.from(noisy(2 ** 31, -(2 ** 30)))],
      [4, Int32Array.from([2 ** 31 - 1, -(2 ** 31), 0, 2 ** 31 - 1, -(2 ** 31), ...flat(5)])],
      [2, Int16Array.from(noisy(60, -30))],
      [2, Int16Array.from([32767, -32768, 32767, -32768, ...noisy(65535, -32768)])],
      [1, Uint8Array.from(noisy(256, 0))],
      [1, Uint8Array.from(flat(255))],
    ]
    for (const [bytepix, values] of cases) expect(roundTrip(values, bytepix)).toEqual(values)
  })

  it('compresses smooth data well below its raw size', () => {
    const values = Int32Array.from({ length: 4096 }, (_, i) => 20000 + ((i * 31) % 9))
    expect(riceEncode(values, 32, 4).length).toBeLessThan(values.byteLength / 4)
  })

  it('round-trips arbitrary int32, int16 and uint8 arrays (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 300 }),
        (xs) => {
          const values = Int32Array.from(xs)
          expect(roundTrip(values, 4)).toEqual(values)
        },
      ),
    )
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 64 }),
        (xs, block) => {
          const values = Int16Array.from(xs)
          expect(roundTrip(values, 2, block)).toEqual(values)
        },
      ),
    )
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (values) => {
        expect(roundTrip(values, 1)).toEqual(values)
      }),
    )
  })

  it('reports a truncated tile as FITS_CORRUPT_TILE', () => {
    const values = Int32Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000)
    const packed = riceEncode(values, 32, 4)
    expect(() => riceDecode(packed.subarray(0, packed.length / 2), 1000, 32, 4, new Int32Array(1000), 0)).toThrow(
      expect.objectContaining({ code: FitsErrorCode.corruptTile }),
    )
  })
})
