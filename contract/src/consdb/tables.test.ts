// Extracted ConsDB facts against ecosystem.md §1.3 and against ConsDB's own example rows.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONSDB_SCHEMA_DATA } from './data/columns.data.ts'
import {
  CONSDB_SCHEMA_VERSIONS,
  CONSDB_TABLES,
  ConsdbSchema,
  ConsdbTable,
  consdbColumn,
  type FelisDatatype,
  requiredColumns,
} from './tables.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const SHARED = process.env.RA_SHARED_DIR || resolve(ROOT, '../shared')

describe('extracted ConsDB tables', () => {
  it('covers both schemas and the four tables, at the documented Felis versions', () => {
    expect(Object.keys(CONSDB_SCHEMA_DATA)).toEqual([...ConsdbSchema.values])
    for (const schema of ConsdbSchema.values)
      expect(Object.keys(CONSDB_TABLES[schema])).toEqual([...ConsdbTable.values])
    expect(CONSDB_SCHEMA_VERSIONS).toEqual({ cdb_lsstcam: '1.9.0', cdb_latiss: '3.7.0' })
  })

  it('has the documented column counts', () => {
    const counts = (schema: ConsdbSchema) => ConsdbTable.values.map((t) => CONSDB_TABLES[schema][t].columns.length)
    // exposure 50, exposure_quicklook 16, visit1_quicklook 166, ccdvisit1_quicklook 70, ccdexposure 6,
    // ccdexposure_quicklook 5 (LSSTCam); LATISS: visit1_quicklook 39 and ccdvisit1_quicklook 37.
    expect(counts('cdb_lsstcam')).toEqual([50, 16, 166, 70, 6, 5])
    expect(counts('cdb_latiss').slice(2)).toEqual([39, 37, 6, 5])
  })

  it('keys every table on (day_obs, seq_num[, detector]) and keeps the integer ids NOT NULL', () => {
    for (const schema of ConsdbSchema.values) {
      expect(CONSDB_TABLES[schema].exposure.primaryKey).toEqual(['day_obs', 'seq_num'])
      expect(CONSDB_TABLES[schema].visit1_quicklook.primaryKey).toEqual(['day_obs', 'seq_num'])
      expect(CONSDB_TABLES[schema].ccdvisit1_quicklook.primaryKey).toEqual(['day_obs', 'seq_num', 'detector'])
      expect(requiredColumns(schema, 'ccdvisit1_quicklook')).toEqual(['day_obs', 'seq_num', 'detector', 'ccdvisit_id'])
      expect([...requiredColumns(schema, 'visit1_quicklook')].sort()).toEqual(['day_obs', 'seq_num', 'visit_id'])
    }
  })

  it('records the exposure table types, lengths and nullability', () => {
    const facts = (name: string) => consdbColumn('cdb_lsstcam', 'exposure', name)
    expect(facts('exposure_id')).toEqual({ name: 'exposure_id', datatype: 'long', nullable: false })
    expect(facts('exposure_name')).toMatchObject({ datatype: 'string', length: 20, nullable: false })
    expect(facts('controller')).toMatchObject({ datatype: 'string', length: 1, nullable: false })
    expect(facts('day_obs')).toMatchObject({ datatype: 'int', nullable: false })
    expect(facts('s_ra')).toMatchObject({ datatype: 'double', unit: 'deg', nullable: true })
    expect(facts('can_see_sky')).toMatchObject({ datatype: 'boolean', nullable: true })
    expect([...requiredColumns('cdb_lsstcam', 'exposure')].sort()).toEqual(
      ['controller', 'day_obs', 'exposure_id', 'exposure_name', 'seq_num'].sort(),
    )
  })

  it('knows the per-instrument differences', () => {
    for (const name of ['shut_lower', 'shut_upper', 'dome_azimuth']) {
      expect(consdbColumn('cdb_latiss', 'exposure', name)).toBeDefined()
      expect(consdbColumn('cdb_lsstcam', 'exposure', name)).toBeUndefined()
    }
    expect(consdbColumn('cdb_latiss', 'ccdvisit1_quicklook', 'stats_mag_lim')).toBeUndefined()
    expect(consdbColumn('cdb_lsstcam', 'ccdvisit1_quicklook', 'psf_sigma')).toMatchObject({ unit: 'pixel' })
    expect(consdbColumn('cdb_latiss', 'exposure_quicklook', 'postisr_pixel_median')).toBeDefined()
  })
})

/** Column name and ECSV datatype from an astropy ECSV header (`# - {name: x, datatype: float64, ...}`). */
function ecsvColumns(file: string): { name: string; datatype: string; json: boolean }[] {
  const text = readFileSync(join(SHARED, 'reference-data/consdb/rows', file), 'utf8')
  return [...text.matchAll(/^# - \{name: ([^,]+), datatype: ([^,}]+)(.*)\}$/gm)].map((m) => ({
    name: m[1] ?? '',
    datatype: m[2] ?? '',
    json: (m[3] ?? '').includes('subtype: json'),
  }))
}

const COMPATIBLE: Record<string, readonly FelisDatatype[]> = {
  int64: ['byte', 'short', 'int', 'long'],
  float64: ['float', 'double'],
  string: ['char', 'string', 'unicode', 'text', 'timestamp'],
}

describe("ConsDB's example rows (lsstcomcamsim tests, same tables as cdb_lsstcam)", () => {
  for (const table of ['exposure', 'visit1_quicklook', 'ccdvisit1_quicklook'] as const) {
    it(`${table}.ecsv uses only columns we extracted, with compatible types`, () => {
      const columns = ecsvColumns(`${table}.ecsv`)
      expect(columns.length).toBeGreaterThan(30)
      for (const column of columns) {
        const ours = consdbColumn('cdb_lsstcam', table, column.name)
        expect(ours, `${table}.${column.name}`).toBeDefined()
        // JSON-subtype columns hold only nulls in these files, so their type says nothing.
        if (!column.json) expect(COMPATIBLE[column.datatype], `${table}.${column.name}`).toContain(ours?.datatype)
      }
    })
  }
})
