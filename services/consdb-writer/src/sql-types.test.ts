import { describe, expect, it } from 'vitest'
import { postgresType, qualified, quoteIdent } from './sql-types.ts'

describe('postgresType (Felis → PostgreSQL, as Felis maps them)', () => {
  it.each([
    [{ datatype: 'boolean' }, 'BOOLEAN'],
    [{ datatype: 'byte' }, 'SMALLINT'],
    [{ datatype: 'short' }, 'SMALLINT'],
    [{ datatype: 'int' }, 'INTEGER'],
    [{ datatype: 'long' }, 'BIGINT'],
    [{ datatype: 'float' }, 'REAL'],
    [{ datatype: 'double' }, 'DOUBLE PRECISION'],
    [{ datatype: 'char', length: 1 }, 'CHAR(1)'],
    [{ datatype: 'string', length: 20 }, 'VARCHAR(20)'],
    [{ datatype: 'string' }, 'VARCHAR'],
    [{ datatype: 'unicode', length: 64 }, 'VARCHAR(64)'],
    [{ datatype: 'text' }, 'TEXT'],
    [{ datatype: 'binary' }, 'BYTEA'],
    [{ datatype: 'timestamp' }, 'TIMESTAMP'],
  ] as const)('%j → %s', (column, expected) => expect(postgresType(column)).toBe(expected))
})

describe('identifiers', () => {
  it('quotes and escapes', () => {
    expect(quoteIdent('day_obs')).toBe('"day_obs"')
    expect(quoteIdent('a"b')).toBe('"a""b"')
    expect(qualified('cdb_lsstcam', 'exposure')).toBe('"cdb_lsstcam"."exposure"')
  })
})
