// The literal renderer must match Biome's layout, or `biome check --write` would make data look stale.
import { describe, expect, it } from 'vitest'
import { constStatement } from './literal.ts'

describe('constStatement', () => {
  it('keeps short arrays and objects on one line', () => {
    expect(constStatement('A', { pk: ['day_obs', 'seq_num'], n: -1.5 })).toBe(
      "export const A = { pk: ['day_obs', 'seq_num'], n: -1.5 } as const\n",
    )
  })

  it('always breaks an array of several multi-key objects, one per line with trailing commas', () => {
    expect(
      constStatement('B', [
        { a: 1, b: 2 },
        { a: 3, b: null },
      ]),
    ).toBe('export const B = [\n  { a: 1, b: 2 },\n  { a: 3, b: null },\n] as const\n')
  })

  it('breaks whatever does not fit in 120 columns, and objects the caller asks to expand', () => {
    const long = Array.from({ length: 30 }, (_, i) => `column_${i}`)
    expect(constStatement('C', long).split('\n')).toHaveLength(30 + 3)
    expect(constStatement('D', [{ id: 1 }], { expand: () => true })).toBe(
      'export const D = [\n  {\n    id: 1,\n  },\n] as const\n',
    )
  })

  it('quotes keys that are not identifiers and refuses values it cannot write safely', () => {
    expect(constStatement('E', { '5_ON_A_DIE': 45 })).toBe("export const E = { '5_ON_A_DIE': 45 } as const\n")
    expect(() => constStatement('F', ["it's"])).toThrow('needs escaping')
    expect(() => constStatement('G', [Number.NaN])).toThrow('not finite')
  })
})
