import { describe, expect, it } from 'vitest'
import { Camera } from '../identifiers/cameras.ts'
import { TimeMode } from '../identifiers/modes.ts'
import { FocalPlanePattern } from '../identifiers/patterns.ts'
import { Pipeline } from '../identifiers/pipelines.ts'
import { defineIdentifiers } from './identifier-set.ts'

describe('identifier sets', () => {
  it('accepts canonical tokens exactly', () => {
    expect(FocalPlanePattern.is('5_ON_A_DIE')).toBe(true)
    expect(FocalPlanePattern.is('5-on-a-die')).toBe(false)
  })

  it("accepts today's legacy spellings as input and returns the canonical token", () => {
    for (const spelling of ['5-on-a-die', '5_ON_A_DIE', '5_on_a_die', ' 5 on a die ']) {
      expect(FocalPlanePattern.parse(spelling)).toEqual({ ok: true, value: '5_ON_A_DIE' })
    }
    expect(FocalPlanePattern.parse('ultra-minimal')).toEqual({ ok: true, value: 'ULTRA_MINIMAL' })
    expect(Pipeline.parse('AOS_TARTS')).toEqual({ ok: true, value: 'AOS_TARTS_UNPAIRED' })
    expect(TimeMode.parse('ALTERNATING_IN_TWOS')).toEqual({ ok: true, value: 'ALTERNATING_BY_TWOS' })
  })

  it('refuses unknown values with data naming what was expected', () => {
    const result = FocalPlanePattern.parse('checkers', '/value')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues[0]?.path).toBe('/value')
    expect(result.issues[0]?.message).toContain("unknown FocalPlanePattern 'checkers'")
    expect(result.issues[0]?.expected).toContain('RAFT_CHECKERBOARD')
  })

  it('is strict where the set says so (S3 prefixes are case-sensitive)', () => {
    expect(Camera.parse('LSSTCAM').ok).toBe(false)
    expect(Camera.parse('lsstcam')).toEqual({ ok: true, value: 'lsstcam' })
  })

  it('emits a JSON Schema enum of the canonical tokens only', () => {
    expect(Pipeline.schema).toMatchObject({ type: 'string', title: 'Pipeline', enum: Pipeline.values })
  })

  it('refuses an ambiguous set at definition time', () => {
    expect(() =>
      defineIdentifiers({ name: 'Bad', description: 'x', values: ['A_B', 'A-B'], docs: { A_B: '', 'A-B': '' } }),
    ).toThrow(/ambiguous/)
  })
})
