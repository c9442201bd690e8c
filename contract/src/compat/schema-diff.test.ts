import { describe, expect, it } from 'vitest'
import { diffSchemas } from './schema-diff.ts'

const obj = (properties: Record<string, unknown>, required: string[], extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
  ...extra,
})
const breaking = (a: Record<string, unknown>, b: Record<string, unknown>) => diffSchemas(a, b).filter((c) => c.breaking)
const compatible = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  diffSchemas(a, b).filter((c) => !c.breaking)

describe('schema diff', () => {
  const base = obj({ camera: { type: 'string' }, seq: { type: 'integer', minimum: 1 } }, ['camera', 'seq'])

  it('finds nothing between identical schemas', () => {
    expect(diffSchemas(base, structuredClone(base))).toEqual([])
  })

  it('flags a renamed field as breaking, naming the old field', () => {
    const renamed = obj({ cam: { type: 'string' }, seq: { type: 'integer', minimum: 1 } }, ['cam', 'seq'])
    const found = breaking(base, renamed)
    expect(found.map((c) => c.message)).toContain("property 'camera' removed or renamed")
    expect(found.map((c) => c.message)).toContain("new required property 'cam'")
  })

  it('allows a new optional property', () => {
    const added = obj({ ...base.properties, etag: { type: 'string' } }, ['camera', 'seq'])
    expect(breaking(base, added)).toEqual([])
    expect(compatible(base, added).map((c) => c.message)).toEqual(["new optional property 'etag'"])
  })

  it('flags narrowing: removed enum value, raised minimum, changed pattern, changed type', () => {
    expect(breaking({ enum: ['A', 'B'] }, { enum: ['A'] })[0]?.message).toContain('"B"')
    expect(breaking({ type: 'integer', minimum: 1 }, { type: 'integer', minimum: 2 })).toHaveLength(1)
    expect(breaking({ type: 'string', pattern: '^a$' }, { type: 'string', pattern: '^b$' })).toHaveLength(1)
    expect(breaking({ type: 'number' }, { type: 'integer' })).toHaveLength(1)
  })

  it('treats widening as compatible', () => {
    expect(breaking({ enum: ['A'] }, { enum: ['A', 'B'] })).toEqual([])
    expect(breaking({ type: 'integer', maximum: 5 }, { type: 'integer', maximum: 9 })).toEqual([])
    expect(breaking({ type: 'integer' }, { type: 'number' })).toEqual([])
  })

  it('flags a field that stops being required (readers relied on it)', () => {
    const optional = obj(base.properties, ['camera'])
    expect(breaking(base, optional).map((c) => c.path)).toEqual(['/properties/seq'])
  })

  it('follows $refs into $defs', () => {
    const withDefs = (values: string[]) => ({
      type: 'object',
      properties: { pipeline: { $ref: '#/$defs/Pipeline' } },
      required: ['pipeline'],
      $defs: { Pipeline: { type: 'string', enum: values } },
    })
    const found = breaking(withDefs(['SFM', 'ISR']), withDefs(['SFM']))
    expect(found).toHaveLength(1)
    expect(found[0]?.path).toBe('/properties/pipeline')
  })

  it('matches union branches by title or kind, not by position', () => {
    const a = { anyOf: [obj({ kind: { const: 'a' } }, ['kind']), obj({ kind: { const: 'b' } }, ['kind'])] }
    const reordered = { anyOf: [a.anyOf[1], a.anyOf[0]] }
    expect(diffSchemas(a, reordered)).toEqual([])
    const dropped = { anyOf: [a.anyOf[0]] }
    expect(breaking(a, dropped)[0]?.message).toContain('kind:"b"')
  })

  it('flags a tightened additionalProperties', () => {
    const open = { type: 'object', properties: {} }
    expect(breaking(open, { ...open, additionalProperties: false })).toHaveLength(1)
  })
})
