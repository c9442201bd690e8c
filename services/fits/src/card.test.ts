import { describe, expect, it } from 'vitest'
import { formatCard, normalizeKey, parseCard } from './card.ts'
import { FitsErrorCode } from './errors.ts'

const card = (text: string) => parseCard(text.padEnd(80, ' ')).card

describe('parseCard', () => {
  it('reads strings, unescaping doubled quotes and dropping trailing spaces', () => {
    expect(card("OBJECT  = 'it''s M31  '           / target")).toEqual({
      key: 'OBJECT',
      value: "it's M31",
      comment: 'target',
    })
    expect(card("EMPTY   = ''")).toEqual({ key: 'EMPTY', value: '' })
    expect(card("LEAD    = '  x'")).toEqual({ key: 'LEAD', value: '  x' })
    expect(card("SLASH   = 'a/b' / c/d")).toEqual({ key: 'SLASH', value: 'a/b', comment: 'c/d' })
  })

  it('reads logicals, integers, floats with E and D exponents, and undefined values', () => {
    expect(card('SIMPLE  =                    T').value).toBe(true)
    expect(card('EXTEND  =                    F / no').value).toBe(false)
    expect(card('NAXIS1  =                 4072').value).toBe(4072)
    expect(card('NEG     =                  -12').value).toBe(-12)
    expect(card('MJD     =    60781.29431704106').value).toBe(60781.29431704106)
    expect(card('EXPO    =              1.5E-03').value).toBe(0.0015)
    expect(card('DEXP    =              2.5D+02').value).toBe(250)
    expect(card('DOT     =                  .25').value).toBe(0.25)
    expect(card('NOTHING =                      / undefined').value).toBeNull()
  })

  it('reads commentary cards as text', () => {
    expect(card("COMMENT   '---- Checksums ----'")).toEqual({ key: 'COMMENT', comment: "  '---- Checksums ----'" })
    expect(card('HISTORY = not a value')).toEqual({ key: 'HISTORY', comment: '= not a value' })
    expect(card('')).toEqual({ key: '' })
  })

  it('reads HIERARCH keys without the prefix', () => {
    expect(card('HIERARCH ESO DET CHIP NAME = ' + "'CCD-44' / name")).toEqual({
      key: 'ESO DET CHIP NAME',
      value: 'CCD-44',
      comment: 'name',
    })
    expect(normalizeKey('hierarch eso  det')).toBe('ESO DET')
  })

  it('rejects unterminated strings and unreadable values with FITS_BAD_CARD', () => {
    expect(() => card("BAD     = 'open")).toThrow(expect.objectContaining({ code: FitsErrorCode.badCard }))
    expect(() => card('BAD     = 12abc')).toThrow(expect.objectContaining({ code: FitsErrorCode.badCard }))
  })
})

describe('formatCard', () => {
  it('writes fixed-format values right-justified in columns 11-30', () => {
    expect(formatCard({ key: 'NAXIS', value: 2 })).toEqual([`NAXIS   = ${'2'.padStart(20)}`.padEnd(80)])
    expect(formatCard({ key: 'SIMPLE', value: true, comment: 'ok' })[0]).toBe(
      `SIMPLE  = ${'T'.padStart(20)} / ok`.padEnd(80),
    )
    expect(formatCard({ key: 'GAIN', value: 1.5 })[0]?.slice(10, 30)).toBe('1.5'.padStart(20))
    expect(formatCard({ key: 'TINY', value: 1e-30 })[0]?.slice(10, 30).trim()).toBe('1E-30')
  })

  it('writes strings padded to 8 characters with quotes doubled', () => {
    expect(formatCard({ key: 'OBJECT', value: "it's" })[0]).toBe("OBJECT  = 'it''s   '".padEnd(80))
  })

  it('round-trips values through format and parse', () => {
    for (const value of [0, -1, 123456789012, 1.25, -3.5e-12, 6.02e23, true, false, null, 'x', "a'b", ' lead']) {
      const [image] = formatCard({ key: 'K', value })
      expect(card(image as string).value).toBe(value)
    }
  })

  it('splits long strings over CONTINUE cards', () => {
    const value = `${"quote ' ".repeat(30)}end`
    const images = formatCard({ key: 'LONGSTR', value, comment: 'a long one' })
    expect(images.length).toBeGreaterThan(1)
    for (const image of images) expect(image).toHaveLength(80)
    expect(images[1]?.startsWith("CONTINUE  '")).toBe(true)
  })

  it('writes HIERARCH for long keys and refuses values that cannot be written', () => {
    expect(formatCard({ key: 'ESO DET CHIP', value: 3 })[0]).toBe('HIERARCH ESO DET CHIP = 3'.padEnd(80))
    expect(() => formatCard({ key: 'X', value: Number.NaN })).toThrow(
      expect.objectContaining({ code: FitsErrorCode.invalidValue }),
    )
    expect(() => formatCard({ key: 'X', value: 'café' })).toThrow(
      expect.objectContaining({ code: FitsErrorCode.invalidValue }),
    )
  })

  it('writes a card read from a file back exactly as it was', () => {
    const text = 'GAIN    =                 1.0 / keeps its 1.0'.padEnd(80)
    expect(formatCard(parseCard(text).card)).toEqual([text])
  })
})
