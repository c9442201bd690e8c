// The ConsDB schemas and tables the contract knows, with their extracted column facts.
import type { Instrument } from '../identifiers/instruments.ts'
import { defineIdentifiers } from '../internal/identifier-set.ts'
import { CONSDB_SCHEMA_DATA } from './data/columns.data.ts'

export const ConsdbSchema = defineIdentifiers({
  name: 'ConsdbSchema',
  description: 'A ConsDB PostgreSQL schema (one per instrument); table names are qualified with it.',
  values: ['cdb_lsstcam', 'cdb_latiss'],
  docs: {
    cdb_lsstcam: 'LSSTCam (Felis schema cdb_lsstcam).',
    cdb_latiss: 'LATISS / AuxTel (Felis schema cdb_latiss).',
  },
  loose: false,
})
export type ConsdbSchema = (typeof ConsdbSchema.values)[number]

export const ConsdbTable = defineIdentifiers({
  name: 'ConsdbTable',
  description: 'A ConsDB table RA reads or writes.',
  values: [
    'exposure',
    'exposure_quicklook',
    'visit1_quicklook',
    'ccdvisit1_quicklook',
    'ccdexposure',
    'ccdexposure_quicklook',
  ],
  docs: {
    exposure: 'One row per raw exposure, written by ConsDB header ingest (hinfo); RA reads it.',
    exposure_quicklook: 'RA per-exposure results (mount analysis).',
    visit1_quicklook: 'RA per-visit aggregates of the per-detector statistics, plus AOS and guider results.',
    ccdvisit1_quicklook: 'RA per-detector statistics from the visit image, plus Zernikes per wavefront detector.',
    ccdexposure: 'One row per raw detector image, written by ConsDB header ingest; RA reads it.',
    ccdexposure_quicklook: 'RA per-detector results from the post-ISR image (pixel median).',
  },
  loose: false,
})
export type ConsdbTable = (typeof ConsdbTable.values)[number]

/** Which ConsDB schema an instrument writes to (ComCam schemas are not in our reference data). */
export const CONSDB_SCHEMA_FOR_INSTRUMENT = {
  LSSTCam: 'cdb_lsstcam',
  LATISS: 'cdb_latiss',
} as const satisfies Partial<Record<Instrument, ConsdbSchema>>

/** Felis column datatypes (the ones the Felis model defines). */
export type FelisDatatype =
  | 'boolean'
  | 'byte'
  | 'short'
  | 'int'
  | 'long'
  | 'float'
  | 'double'
  | 'char'
  | 'string'
  | 'unicode'
  | 'text'
  | 'binary'
  | 'timestamp'

export interface ConsdbColumn {
  readonly name: string
  readonly datatype: FelisDatatype
  /** Maximum length of string columns (VARCHAR(n)). */
  readonly length?: number
  /** IVOA unit string (e.g. arcsec, pixel, count**2), when the schema gives one. */
  readonly unit?: string
  readonly nullable: boolean
}

export interface ConsdbTableInfo {
  /** Since OSW-1617 every table's primary key is (day_obs, seq_num[, detector]). */
  readonly primaryKey: readonly string[]
  readonly columns: readonly ConsdbColumn[]
}

/** The extracted data, precisely typed (column names as literals), for type-level row mapping. */
export type ConsdbData = typeof CONSDB_SCHEMA_DATA

/** Schema -> table -> primary key and columns in schema order; Felis versions in CONSDB_SCHEMA_VERSIONS. */
export const CONSDB_TABLES: { readonly [S in ConsdbSchema]: { readonly [T in ConsdbTable]: ConsdbTableInfo } } = {
  cdb_lsstcam: CONSDB_SCHEMA_DATA.cdb_lsstcam.tables,
  cdb_latiss: CONSDB_SCHEMA_DATA.cdb_latiss.tables,
}

export const CONSDB_SCHEMA_VERSIONS: { readonly [S in ConsdbSchema]: string } = {
  cdb_lsstcam: CONSDB_SCHEMA_DATA.cdb_lsstcam.version,
  cdb_latiss: CONSDB_SCHEMA_DATA.cdb_latiss.version,
}

export function consdbColumn(schema: ConsdbSchema, table: ConsdbTable, column: string): ConsdbColumn | undefined {
  return CONSDB_TABLES[schema][table].columns.find((c) => c.name === column)
}

/** Columns a row must carry: the primary key plus every NOT NULL column (the integer ids). */
export function requiredColumns(schema: ConsdbSchema, table: ConsdbTable): readonly string[] {
  const info = CONSDB_TABLES[schema][table]
  const notNull = info.columns.filter((c) => !c.nullable).map((c) => c.name)
  return [...new Set([...info.primaryKey, ...notNull])]
}
