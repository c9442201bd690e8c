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
