import { describe, expect, it } from 'vitest'
import { numericString, sanitizeCell, sanitizeRow } from './sanitize.ts'

describe('numericString (today’s rule, made explicit)', () => {
  it.each([
    ['1.234', 1.234],
    [' -2e3 ', -2000],
    ['.5', 0.5],
    ['7.', 7],
    ['+3', 3],
    ['000226', 226],
    ['1E-2', 0.01],
  ])('%j → %j', (text, expected) => expect(numericString(text)).toBe(expected))

  it.each(['nan', 'NaN', '-nan', 'inf', '-Infinity', '1e999'])('%j → null (JSON cannot carry it)', (text) =>
    expect(numericString(text)).toBeNull(),
  )

  it.each(['', '   ', 'r_57', '1_000', '0x10', '1.2.3', 'e5', '12 ms', 'True'])('%j stays a string', (text) =>
    expect(numericString(text)).toBe(text),
  )
})

describe('sanitizeCell', () => {
  it('turns NaN and infinities into null at any depth', () => {
    expect(sanitizeCell(Number.NaN)).toBeNull()
    expect(sanitizeCell([1, Number.NaN, Number.POSITIVE_INFINITY])).toEqual([1, null, null])
    expect(sanitizeCell({ DISPLAY_VALUE: '📖', a: Number.NaN, b: [Number.NEGATIVE_INFINITY, '2'] })).toEqual({
      DISPLAY_VALUE: '📖',
      a: null,
      b: [null, 2],
    })
  })

  it('converts numeric strings inside lists and objects, keeps other values', () => {
    expect(sanitizeCell(['1', 'x', true, null])).toEqual([1, 'x', true, null])
    expect(sanitizeCell(false)).toBe(false)
    expect(sanitizeCell('science')).toBe('science')
  })
})

describe('sanitizeRow', () => {
  it('leaves flags and placeholders as written and converts the rest', () => {
    expect(
      sanitizeRow({ 'PSF FWHM': '0.84', '_PSF FWHM': 'measured', '@focal_plane_mosaic': '1', Seeing: 'nan' }),
    ).toEqual({ 'PSF FWHM': 0.84, '_PSF FWHM': 'measured', '@focal_plane_mosaic': '1', Seeing: null })
  })
})
