import { ccdExposureId, exposureId } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { announcedField, prepareBatch, ROW_ERRORS } from './rows.ts'

const batch = (fields: Record<string, unknown>) =>
  JSON.stringify({ producer: 'worker', writtenAt: '2025-11-16T03:13:01.250Z', ...fields })

function ok<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error('fixture')
  return r.value
}

describe('prepareBatch', () => {
  it('computes the ccdvisit id with the contract’s packer when left out', () => {
    const result = prepareBatch(
      batch({
        instrument: 'LSSTCam',
        table: 'ccdvisit1_quicklook',
        controller: 'S',
        rows: [{ day_obs: 20240403, seq_num: 451, detector: 0, psf_sigma: 1.9 }],
      }),
    )
    if (!result.ok) throw new Error(result.reason)
    expect(result.batch.schema).toBe('cdb_lsstcam')
    expect(result.batch.primaryKey).toEqual(['day_obs', 'seq_num', 'detector'])
    expect(result.batch.rows).toEqual([
      { day_obs: 20240403, seq_num: 451, detector: 0, psf_sigma: 1.9, ccdvisit_id: 730865976064 },
    ])
  })

  it('computes exposure and visit ids (controller O by default)', () => {
    const result = prepareBatch(
      batch({
        instrument: 'LATISS',
        table: 'visit1_quicklook',
        rows: [{ day_obs: 20240624, seq_num: 106, n_inputs: 1 }],
      }),
    )
    if (!result.ok) throw new Error(result.reason)
    expect(result.batch.schema).toBe('cdb_latiss')
    expect(result.batch.rows[0]?.visit_id).toBe(ok(exposureId({ dayObs: 20240624, seqNum: 106, controller: 'O' })))
  })

  it('keeps a given id that matches the row’s key and refuses one that does not', () => {
    const good = ok(ccdExposureId({ dayObs: 20251115, seqNum: 226, controller: 'O', detector: 94 }))
    const result = prepareBatch(
      batch({
        instrument: 'LSSTCam',
        table: 'ccdvisit1_quicklook',
        rows: [
          { day_obs: 20251115, seq_num: 226, detector: 94, ccdvisit_id: good },
          { day_obs: 20251115, seq_num: 226, detector: 95, ccdvisit_id: good },
        ],
      }),
    )
    if (!result.ok) throw new Error(result.reason)
    expect(result.batch.rows).toHaveLength(1)
    expect(result.batch.problems).toEqual([
      expect.objectContaining({ index: 1, code: ROW_ERRORS.id, reason: expect.stringContaining('detector 94') }),
    ])
  })

  it('refuses unknown columns and wrong types row by row, naming them', () => {
    const result = prepareBatch(
      batch({
        instrument: 'LSSTCam',
        table: 'exposure_quicklook',
        rows: [
          { day_obs: 20251115, seq_num: 1, mount_jitter_rms: 0.1 },
          { day_obs: 20251115, seq_num: 2, not_a_column: 1 },
          { day_obs: 20251115, seq_num: 3, mount_jitter_rms: 'high' },
        ],
      }),
    )
    if (!result.ok) throw new Error(result.reason)
    expect(result.batch.rows.map((r) => r.seq_num)).toEqual([1])
    expect(result.batch.problems.map((p) => [p.index, p.code])).toEqual([
      [1, ROW_ERRORS.row],
      [2, ROW_ERRORS.row],
    ])
    expect(result.batch.problems[0]?.reason).toContain('not_a_column')
  })

  it.each([
    [undefined, ROW_ERRORS.missing],
    ['{', ROW_ERRORS.notJson],
    [batch({ instrument: 'LSSTComCam', table: 'exposure_quicklook', rows: [{}] }), ROW_ERRORS.invalid],
    [batch({ instrument: 'LSSTCam', table: 'exposure', rows: [{}] }), ROW_ERRORS.invalid],
    [batch({ instrument: 'LSSTCam', table: 'exposure_quicklook', rows: [] }), ROW_ERRORS.invalid],
  ])('refuses the whole entry %j with %s', (text, code) => {
    const result = prepareBatch(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.code).toBe(code)
  })
})

describe('announcedField', () => {
  it('is today’s lower-cased {instrument}-{table}-{obsId}', () => {
    expect(announcedField('LSSTCam', 'visit1_quicklook', 2025111500226)).toBe('lsstcam-visit1_quicklook-2025111500226')
  })
})
