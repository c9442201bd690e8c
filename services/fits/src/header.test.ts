import { describe, expect, it } from 'vitest'
import { formatCard } from './card.ts'
import { FitsErrorCode } from './errors.ts'
import { BLOCK_SIZE, Header, parseHeader } from './header.ts'

const bytesOf = (cards: string[]) => {
  const text = cards.map((c) => c.padEnd(80)).join('')
  const bytes = new Uint8Array(Math.ceil(text.length / BLOCK_SIZE) * BLOCK_SIZE).fill(32)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes
}

describe('Header', () => {
  const header = Header.from({
    SIMPLE: true,
    BITPIX: 16,
    EXPTIME: { value: 30.5, comment: 'seconds' },
    OBSID: 'MC_O_20250415_000228',
    COMMENT: 'first comment',
    BLANKV: null,
  })

  it('gives typed values and keeps card order', () => {
    expect(header.cards.map((c) => c.key)).toEqual(['SIMPLE', 'BITPIX', 'EXPTIME', 'OBSID', 'COMMENT', 'BLANKV'])
    expect(header.get('exptime')).toBe(30.5)
    expect(header.card('EXPTIME')?.comment).toBe('seconds')
    expect(header.getNumber('EXPTIME')).toBe(30.5)
    expect(header.getInteger('BITPIX')).toBe(16)
    expect(header.getString('OBSID')).toBe('MC_O_20250415_000228')
    expect(header.getBoolean('SIMPLE')).toBe(true)
    expect(header.get('BLANKV')).toBeNull()
    expect(header.get('COMMENT')).toBeUndefined()
    expect(header.commentary('COMMENT')).toEqual(['first comment'])
    expect(header.getNumber('MISSING', 7)).toBe(7)
  })

  it('finds and writes keys given in lower case as the standard upper-case keys', () => {
    const lower = new Header([{ key: 'exptime', value: 2 }])
    expect(lower.get('EXPTIME')).toBe(2)
    expect(lower.toCardImages()[0]).toBe(`EXPTIME = ${'2'.padStart(20)}`.padEnd(80))
  })

  it('throws FITS_MISSING_KEYWORD and FITS_KEYWORD_TYPE with the key in the message', () => {
    expect(() => header.getNumber('DARKTIME')).toThrow(
      expect.objectContaining({ code: FitsErrorCode.missingKeyword, message: expect.stringContaining('DARKTIME') }),
    )
    expect(() => header.getNumber('OBSID')).toThrow(expect.objectContaining({ code: FitsErrorCode.keywordType }))
    expect(() => header.getInteger('EXPTIME')).toThrow(expect.objectContaining({ code: FitsErrorCode.keywordType }))
  })

  it('sets in place, appends new keys and deletes', () => {
    const copy = header.clone().set('BITPIX', 32).set('NEWKEY', 'v', 'added')
    expect(copy.cards[1]).toEqual({ key: 'BITPIX', value: 32 })
    expect(copy.cards.at(-1)).toEqual({ key: 'NEWKEY', value: 'v', comment: 'added' })
    expect(copy.set('EXPTIME', 15).card('EXPTIME')?.comment).toBe('seconds')
    expect(copy.delete('OBSID')).toBe(1)
    expect(copy.has('OBSID')).toBe(false)
    expect(header.get('BITPIX')).toBe(16) // the clone did not touch the original
  })

  it('round-trips through bytes, long strings and HIERARCH keys included', () => {
    const long = `${'x'.repeat(150)}it's the end`
    const source = header.clone().set('LONGSTR', long, 'a comment').set('ESO DET NAME', 'ccd')
    const bytes = source.toBytes()
    expect(bytes.length % BLOCK_SIZE).toBe(0)
    const { header: back, end } = parseHeader(bytes, 0)
    expect(end).toBe(bytes.length)
    expect(back.toRecord()).toEqual(source.toRecord())
    expect(back.get('LONGSTR')).toBe(long)
    expect(back.card('LONGSTR')?.comment).toBe('a comment')
    expect(back.get('HIERARCH ESO DET NAME')).toBe('ccd')
  })

  it('reads CONTINUE cards written by other software', () => {
    const { header: back } = parseHeader(
      bytesOf([
        "WCSNAME = 'abc&'  / part one",
        "CONTINUE  'def&'",
        "CONTINUE  'ghi' / part two",
        "NEXT    = 'a&'",
        'END',
      ]),
      0,
    )
    expect(back.get('WCSNAME')).toBe('abcdefghi')
    expect(back.card('WCSNAME')?.comment).toBe('part one part two')
    expect(back.get('NEXT')).toBe('a&') // a lone '&' with no CONTINUE after it is part of the value
  })

  it('puts a long comment on an empty continuation', () => {
    const images = formatCard({ key: 'S', value: 'y'.repeat(130), comment: 'c'.repeat(40) })
    const { header: back } = parseHeader(bytesOf([...images, 'END']), 0)
    expect(back.get('S')).toBe('y'.repeat(130))
    expect(back.card('S')?.comment).toBe('c'.repeat(40))
  })

  it('reports a missing END with its offset', () => {
    const bytes = bytesOf(['SIMPLE  =                    T'])
    expect(() => parseHeader(bytes, 0, 0)).toThrow(
      expect.objectContaining({ code: FitsErrorCode.missingEnd, hdu: 0, offset: BLOCK_SIZE }),
    )
    expect(() => parseHeader(bytes.subarray(0, 1000), 0, 0)).toThrow(
      expect.objectContaining({ code: FitsErrorCode.badBlockSize, offset: 0 }),
    )
  })
})
