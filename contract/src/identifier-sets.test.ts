import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IDENTIFIER_SETS } from './identifier-sets.ts'
import * as contract from './index.ts'

const looksLikeIdentifierSet = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  'values' in value &&
  'parse' in value &&
  'schema' in value &&
  'aliases' in value

describe('IDENTIFIER_SETS', () => {
  it('lists every identifier set the package exports (a missing one would escape the rename guard)', () => {
    const exported = Object.entries(contract).filter(([, value]) => looksLikeIdentifierSet(value))
    expect(exported.length).toBeGreaterThan(20)
    const missing = exported.filter(([, value]) => !IDENTIFIER_SETS.includes(value as never)).map(([name]) => name)
    expect(missing).toEqual([])
  })

  it('has unique names', () => {
    const names = IDENTIFIER_SETS.map((s) => s.name)
    expect(new Set(names).size).toBe(names.length)
  })
})

describe('every identifier set', () => {
  it('parses each canonical token to itself and each alias to its target', () => {
    for (const set of IDENTIFIER_SETS) {
      for (const value of set.values) expect(set.parse(value), `${set.name}:${value}`).toEqual({ ok: true, value })
      for (const [alias, target] of Object.entries(set.aliases)) {
        expect(set.parse(alias), `${set.name}:${alias}`).toEqual({ ok: true, value: target })
      }
    }
  })

  it('accepts case and -/_ variants of tokens where the set is loose, and only canonical tokens pass `is`', () => {
    const loose = IDENTIFIER_SETS.filter((set) => set.values.every((v) => /^[A-Z0-9_]+$/.test(v)))
    expect(loose.length).toBeGreaterThan(5)
    const spelling = (value: string) =>
      fc
        .array(fc.boolean(), { minLength: value.length, maxLength: value.length })
        .map((flags) =>
          [...value].map((ch, i) => (ch === '_' && flags[i] ? '-' : flags[i] ? ch.toLowerCase() : ch)).join(''),
        )
    for (const set of loose) {
      const probe = set.parse(set.values[0]?.toLowerCase())
      if (!probe.ok) continue // a strict set (case-sensitive): nothing to vary
      fc.assert(
        fc.property(
          fc.constantFrom(...set.values).chain((v) => spelling(v).map((s) => [v, s] as const)),
          ([value, variant]) => {
            expect(set.parse(variant)).toEqual({ ok: true, value })
            expect(set.is(variant)).toBe(variant === value)
          },
        ),
        { numRuns: 50 },
      )
    }
  })
})
