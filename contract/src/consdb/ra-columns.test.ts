// RA's ConsDB column whitelist against ecosystem.md §1.4 and the extracted tables.
import { describe, expect, it } from 'vitest'
import { CCD_SUMMARY_STAT_COLUMNS, RA_WRITTEN_COLUMNS, ZERNIKE_COLUMNS } from './ra-columns.ts'
import { type ConsdbTable, consdbColumn, requiredColumns } from './tables.ts'

const entries = Object.entries(RA_WRITTEN_COLUMNS).flatMap(([schema, tables]) =>
  Object.entries(tables).map(([table, columns]) => ({
    schema: schema as keyof typeof RA_WRITTEN_COLUMNS,
    table: table as ConsdbTable,
    columns: columns as readonly string[],
  })),
)

describe('RA_WRITTEN_COLUMNS', () => {
  it('covers the four quicklook tables of both schemas', () => {
    expect(entries.map((e) => `${e.schema}.${e.table}`).sort()).toEqual(
      [
        'cdb_latiss.ccdexposure_quicklook',
        'cdb_lsstcam.ccdexposure_quicklook',
        'cdb_latiss.ccdvisit1_quicklook',
        'cdb_latiss.exposure_quicklook',
        'cdb_latiss.visit1_quicklook',
        'cdb_lsstcam.ccdvisit1_quicklook',
        'cdb_lsstcam.exposure_quicklook',
        'cdb_lsstcam.visit1_quicklook',
      ].sort(),
    )
  })

  it('names only real columns, each once, and includes every required column', () => {
    for (const { schema, table, columns } of entries) {
      for (const name of columns) expect(consdbColumn(schema, table, name), `${schema}.${table}.${name}`).toBeDefined()
      expect(new Set(columns).size).toBe(columns.length)
      expect(columns).toEqual(expect.arrayContaining([...requiredColumns(schema, table)]))
    }
  })

  it('maps the 27 ExposureSummaryStats fields of §1.4, including the seven psfStarDelta stats', () => {
    expect(CCD_SUMMARY_STAT_COLUMNS).toHaveLength(27)
    expect(CCD_SUMMARY_STAT_COLUMNS.filter((c) => c.startsWith('psf_star_'))).toHaveLength(7)
    expect(ZERNIKE_COLUMNS).toEqual(Array.from({ length: 25 }, (_, i) => `z${i + 4}`))
  })

  it('writes the LSSTCam per-detector stats and Zernikes, keyed by day_obs, seq_num, detector, ccdvisit_id', () => {
    const ccd = RA_WRITTEN_COLUMNS.cdb_lsstcam.ccdvisit1_quicklook
    expect(ccd.slice(0, 4)).toEqual(['day_obs', 'seq_num', 'detector', 'ccdvisit_id'])
    expect(ccd).toEqual(expect.arrayContaining(['psf_sigma', 'sky_bg', 'zero_point', 'stats_mag_lim', 'z4', 'z28']))
    expect(ccd).toHaveLength(4 + 27 + 25)
  })

  it('writes per-visit min/max/median aggregates, n_psf_star_total, the AOS and guider columns', () => {
    const visit: readonly string[] = RA_WRITTEN_COLUMNS.cdb_lsstcam.visit1_quicklook
    expect(visit).toEqual(
      expect.arrayContaining(['visit_id', 'n_inputs', 'psf_sigma_min', 'psf_sigma_max', 'psf_sigma_median']),
    )
    expect(visit).toEqual(expect.arrayContaining(['n_psf_star_total', 'aos_fwhm', 'donut_blur_fwhm']))
    expect(visit).toContain('physical_rotator_angle')
    expect(visit).not.toContain('zenith_distance_median')
    // The guider columns of §1.3: 8 bookkeeping, drift/std/detrended RMS of 4 quantities, 5 PSF, 2 shape
    // and 4 seeing = 31 (its headline says 29, but it lists 31 and the schema has 31).
    expect(visit.filter((c) => c.startsWith('guider_'))).toHaveLength(8 + 4 * 3 + 5 + 2 + 4)
    expect(visit).toHaveLength(4 + 26 * 3 + 1 + 3 + 31)
  })

  it('writes the mount analysis to exposure_quicklook', () => {
    expect(RA_WRITTEN_COLUMNS.cdb_lsstcam.exposure_quicklook).toEqual(
      expect.arrayContaining(['exposure_id', 'mount_motion_image_degradation', 'mount_jitter_rms_m2_hexapod']),
    )
    expect(RA_WRITTEN_COLUMNS.cdb_lsstcam.exposure_quicklook).toHaveLength(3 + 10)
    expect(RA_WRITTEN_COLUMNS.cdb_latiss.exposure_quicklook).toHaveLength(3 + 7)
  })
})
