// Row schemas: Felis type mapping, required keys, nullability, the whitelist, and valid JSON Schema.

import { Value } from '@sinclair/typebox/value'
import { Ajv } from 'ajv'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { RA_WRITTEN_COLUMNS } from './ra-columns.ts'
import { consdbRowSchema } from './row-schema.ts'
import {
  CcdVisit1QuicklookRow,
  ExposureQuicklookRow,
  LatissCcdVisit1QuicklookRow,
  LatissExposureQuicklookRow,
  LatissVisit1QuicklookRow,
  Visit1QuicklookRow,
} from './rows.ts'
import { ConsdbSchema, ConsdbTable, consdbColumn, requiredColumns } from './tables.ts'

// 2025-04-15 seq 60 detector 94: ccdvisit_id by the packer formula of ecosystem.md §1.2.
const ccdKeys = { day_obs: 20250415, seq_num: 60, detector: 94, ccdvisit_id: 46833613918 }

describe('consdbRowSchema (whole table)', () => {
  const exposure = consdbRowSchema('cdb_lsstcam', 'exposure')
  const keys = { exposure_id: 2025041500060, exposure_name: 'MC_O_20250415_000060', controller: 'O' }
  const minimal = { ...keys, day_obs: 20250415, seq_num: 60 }

  it('requires the primary key and the NOT NULL columns, nothing else', () => {
    expect(Value.Check(exposure, minimal)).toBe(true)
    for (const name of Object.keys(minimal)) {
      const { [name as keyof typeof minimal]: _dropped, ...rest } = minimal
      expect(Value.Check(exposure, rest), `without ${name}`).toBe(false)
    }
  })

  it('maps Felis types: double/float -> number, int/long -> integer, boolean, string/timestamp -> string', () => {
    const accepts = (extra: object) => Value.Check(exposure, { ...minimal, ...extra })
    expect(
      accepts({ s_ra: 150.25, airmass: 1.2, cur_index: 1, emulated: false, exp_midpt: '2025-04-16T01:02:03' }),
    ).toBe(true)
    expect(accepts({ airmass: '1.2' })).toBe(false)
    expect(accepts({ cur_index: 1.5 })).toBe(false)
    expect(accepts({ emulated: 'false' })).toBe(false)
    expect(accepts({ exp_midpt: 60781.04 })).toBe(false)
  })

  it('accepts null only in nullable columns, and enforces string lengths', () => {
    expect(Value.Check(exposure, { ...minimal, band: null, s_ra: null })).toBe(true)
    expect(Value.Check(exposure, { ...minimal, exposure_name: null })).toBe(false)
    expect(Value.Check(exposure, { ...minimal, controller: 'OC' })).toBe(false)
  })

  it('refuses columns the table does not have', () => {
    expect(Value.Check(exposure, { ...minimal, fwhm: 0.7 })).toBe(false)
  })

  it('refuses, at build time, column lists with unknown or missing required columns', () => {
    const build = (columns: readonly string[]) => () =>
      consdbRowSchema('cdb_lsstcam', 'exposure_quicklook', { columns: columns as never })
    expect(build(['exposure_id', 'day_obs', 'seq_num', 'fwhm'])).toThrow("no column 'fwhm'")
    expect(build(['exposure_id', 'day_obs'])).toThrow("required column 'seq_num' left out")
  })

  it('produces valid JSON Schema for every table (Ajv strict)', () => {
    const ajv = new Ajv({ strict: true })
    for (const schema of ConsdbSchema.values) {
      for (const table of ConsdbTable.values) expect(() => ajv.compile(consdbRowSchema(schema, table))).not.toThrow()
    }
  })
})

describe('RA row schemas', () => {
  const named = {
    cdb_lsstcam: {
      ccdvisit1_quicklook: CcdVisit1QuicklookRow,
      visit1_quicklook: Visit1QuicklookRow,
      exposure_quicklook: ExposureQuicklookRow,
    },
    cdb_latiss: {
      ccdvisit1_quicklook: LatissCcdVisit1QuicklookRow,
      visit1_quicklook: LatissVisit1QuicklookRow,
      exposure_quicklook: LatissExposureQuicklookRow,
    },
  } as const

  it('have exactly the whitelisted columns, required keys first-class, closed to others', () => {
    for (const schema of ConsdbSchema.values) {
      for (const [table, row] of Object.entries(named[schema])) {
        const whitelist = RA_WRITTEN_COLUMNS[schema][table as keyof (typeof named)[typeof schema]]
        expect(Object.keys(row.properties).sort()).toEqual([...whitelist].sort())
        expect([...(row.required ?? [])].sort()).toEqual([...requiredColumns(schema, table as ConsdbTable)].sort())
        expect(row.additionalProperties).toBe(false)
      }
    }
  })

  it('accept a per-detector row with stats and nulls, and refuse a missing key or an unlisted column', () => {
    const row = { ...ccdKeys, psf_sigma: 1.48, sky_bg: 324.9, n_psf_star: 204, zero_point: null, z4: 0.12 }
    expect(Value.Check(CcdVisit1QuicklookRow, row)).toBe(true)
    const { detector: _detector, ...noDetector } = row
    expect(Value.Check(CcdVisit1QuicklookRow, noDetector)).toBe(false)
    expect(Value.Check(CcdVisit1QuicklookRow, { ...row, n_psf_star: 204.5 })).toBe(false)
    // photometric_calib is a real column that RA does not write.
    expect(consdbColumn('cdb_lsstcam', 'ccdvisit1_quicklook', 'photometric_calib')).toBeDefined()
    expect(Value.Check(CcdVisit1QuicklookRow, { ...row, photometric_calib: 1 })).toBe(false)
  })

  it('accept the partial visit and exposure updates RA sends', () => {
    const visitKeys = { visit_id: 2025041500060, day_obs: 20250415, seq_num: 60 }
    expect(Value.Check(Visit1QuicklookRow, { ...visitKeys, aos_fwhm: 0.81, donut_blur_fwhm: 0.4 })).toBe(true)
    expect(Value.Check(Visit1QuicklookRow, { ...visitKeys, n_inputs: 189, n_psf_star_total: 40000 })).toBe(true)
    expect(Value.Check(Visit1QuicklookRow, { aos_fwhm: 0.81 })).toBe(false)
    const mount = { exposure_id: 2025041500060, day_obs: 20250415, seq_num: 60, mount_jitter_rms: 0.05 }
    expect(Value.Check(ExposureQuicklookRow, mount)).toBe(true)
    expect(Value.Check(LatissExposureQuicklookRow, { ...mount, mount_jitter_rms_cam_hexapod: 0.01 })).toBe(false)
  })

  it('give precise static types', () => {
    expectTypeOf<CcdVisit1QuicklookRow['detector']>().toEqualTypeOf<number>()
    expectTypeOf<CcdVisit1QuicklookRow['psf_sigma']>().toEqualTypeOf<number | null | undefined>()
    expectTypeOf<'photometric_calib' extends keyof CcdVisit1QuicklookRow ? true : false>().toEqualTypeOf<false>()
    expectTypeOf<Visit1QuicklookRow>().toHaveProperty('guider_e1_mean')
  })
})
