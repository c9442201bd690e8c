import { Value } from '@sinclair/typebox/value'
import { describe, expect, it } from 'vitest'
import { MESSAGES } from '../schemas.ts'
import { isMessage, MESSAGE_NAMES, parseMessage, validate, validateReceived } from './index.ts'

const payload = MESSAGES.find((m) => m.name === 'Payload')?.examples[0] as Record<string, unknown>

describe('message registry', () => {
  it('has one generated validator per message, in the same order', () => {
    expect([...MESSAGE_NAMES]).toEqual(MESSAGES.map((m) => m.name))
  })

  it('gives every message a golden example', () => {
    for (const message of MESSAGES) expect(message.examples.length, message.name).toBeGreaterThan(0)
  })

  it.each(MESSAGES.map((m) => [m.name, m] as const))(
    '%s: examples pass the generated and the TypeBox checks',
    (_, m) => {
      for (const example of m.examples) {
        const result = validate(m.name as (typeof MESSAGE_NAMES)[number], example)
        expect(result.ok ? [] : result.issues).toEqual([])
        expect(Value.Check(m.schema, example)).toBe(true)
      }
    },
  )
})

describe('validate', () => {
  it('names the field and what was expected for a bad enum value', () => {
    const result = validate('Payload', { ...payload, pipeline: 'SFMM' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    const hit = result.issues.find((i) => i.path === '/pipeline')
    expect(hit?.message).toBe('is not one of the allowed values')
    expect(hit?.expected).toContain('AOS_FAM_TIE')
    expect(hit?.received).toBe('SFMM')
  })

  it('names a missing required property by its path', () => {
    const { run: _run, ...withoutRun } = payload
    const result = validate('Payload', withoutRun)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContain('/run')
  })

  it('refuses unknown properties for writers, accepts them for readers', () => {
    const extra = { ...payload, priority: 3 }
    const strict = validate('Payload', extra)
    expect(strict.ok).toBe(false)
    if (!strict.ok) expect(strict.issues[0]?.message).toContain("unexpected property 'priority'")
    expect(validateReceived('Payload', extra).ok).toBe(true)
    // Tolerance is only for extra fields: a wrong type is still refused.
    expect(validateReceived('Payload', { ...payload, attempt: 'one' }).ok).toBe(false)
  })

  it('parses JSON text and reports bad JSON as an issue, not an exception', () => {
    expect(parseMessage('Payload', JSON.stringify(payload)).ok).toBe(true)
    const bad = parseMessage('Payload', '{"kind": ')
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.issues[0]?.message).toMatch(/not valid JSON/)
  })

  it('guards types', () => {
    expect(isMessage('Payload', payload)).toBe(true)
    expect(isMessage('Payload', { kind: 'process' })).toBe(false)
  })
})
