import { describe, expect, it } from 'vitest'
import { isMissingDatabase, isRowError, parseInt8, UnsafeBigintError } from './pg.ts'

describe('parseInt8 (BIGINT → number, exact or refused)', () => {
  it('reads ids exactly', () => {
    expect(parseInt8('2025111500226')).toBe(2025111500226)
    expect(parseInt8('730865976064')).toBe(730865976064)
  })
  it('refuses values a double cannot hold exactly', () => {
    expect(() => parseInt8('9007199254740993')).toThrow(UnsafeBigintError)
  })
})

describe('isRowError', () => {
  it.each([
    ['22003', true], // numeric value out of range
    ['23502', true], // not-null violation
    ['22P02', true], // invalid text representation
    ['08006', false], // connection failure
    ['57P01', false], // admin shutdown
    ['3D000', false], // database does not exist
    ['42P01', false], // undefined table: the schema's state, not the row's
    ['ECONNREFUSED', false],
  ])('%s → %s', (code, expected) => expect(isRowError({ code })).toBe(expected))

  it('treats an error without a code as the database’s state', () => {
    expect(isRowError(new Error('Connection terminated unexpectedly'))).toBe(false)
  })

  it('recognises a missing database', () => {
    expect(isMissingDatabase({ code: '3D000' })).toBe(true)
  })
})
