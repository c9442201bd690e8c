import { describe, expect, it } from 'vitest'
import { mergeByKey, upsertStatements } from './upsert.ts'

const PK = ['day_obs', 'seq_num', 'detector']

describe('mergeByKey', () => {
  it('merges rows with the same key, later values winning', () => {
    const rows = [
      { day_obs: 1, seq_num: 2, detector: 3, a: 1, b: 1 },
      { day_obs: 1, seq_num: 2, detector: 4, a: 9 },
      { day_obs: 1, seq_num: 2, detector: 3, b: 2, c: 3 },
    ]
    expect(mergeByKey(rows, PK)).toEqual([
      { day_obs: 1, seq_num: 2, detector: 3, a: 1, b: 2, c: 3 },
      { day_obs: 1, seq_num: 2, detector: 4, a: 9 },
    ])
  })
})

describe('upsertStatements', () => {
  it('updates only the columns a row carries, keyed on the primary key', () => {
    const [statement, ...rest] = upsertStatements('cdb_lsstcam', 'ccdvisit1_quicklook', PK, [
      { day_obs: 20251115, seq_num: 226, detector: 94, ccdvisit_id: 7, psf_sigma: 1.9 },
      { day_obs: 20251115, seq_num: 226, detector: 95, ccdvisit_id: 8, psf_sigma: 2.1 },
    ])
    expect(rest).toEqual([])
    expect(statement?.text).toBe(
      'INSERT INTO "cdb_lsstcam"."ccdvisit1_quicklook" ("ccdvisit_id", "day_obs", "detector", "psf_sigma", "seq_num") ' +
        'VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10) ' +
        'ON CONFLICT ("day_obs", "seq_num", "detector") DO UPDATE SET "ccdvisit_id" = EXCLUDED."ccdvisit_id", "psf_sigma" = EXCLUDED."psf_sigma"',
    )
    expect(statement?.values).toEqual([7, 20251115, 94, 1.9, 226, 8, 20251115, 95, 2.1, 226])
  })

  it('one statement per column set, so partial updates never blank other columns', () => {
    const statements = upsertStatements(
      's',
      't',
      ['day_obs', 'seq_num'],
      [
        { day_obs: 1, seq_num: 1, visit_id: 1, aos_fwhm: 0.5 },
        { day_obs: 1, seq_num: 2, visit_id: 2, n_inputs: 189 },
      ],
    )
    expect(statements).toHaveLength(2)
    expect(statements[0]?.text).not.toContain('n_inputs')
    expect(statements[1]?.text).not.toContain('aos_fwhm')
  })

  it('does nothing on conflict when a row carries only its key', () => {
    const [statement] = upsertStatements('s', 't', ['day_obs', 'seq_num'], [{ day_obs: 1, seq_num: 1 }])
    expect(statement?.text).toMatch(/ON CONFLICT \("day_obs", "seq_num"\) DO NOTHING$/)
  })

  it('splits a large batch to stay under 65535 parameters', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ day_obs: 1, seq_num: i, a: 1, b: 2 }))
    const statements = upsertStatements('s', 't', ['day_obs', 'seq_num'], rows)
    expect(statements).toHaveLength(2)
    expect(statements.every((s) => s.values.length <= 65_535)).toBe(true)
    expect(statements.reduce((n, s) => n + s.values.length, 0)).toBe(80_000)
  })
})
