// Public API for ConsDB: extracted table facts, RA's column whitelist and the row schemas.
export {
  CCD_SUMMARY_STAT_COLUMNS,
  RA_WRITTEN_COLUMNS,
  VISIT_AGGREGATED_STATS,
  ZERNIKE_COLUMNS,
} from './ra-columns.ts'
export { type ConsdbColumnName, consdbRowSchema, type RowProperties, type RowSchemaOptions } from './row-schema.ts'
export {
  CcdExposureQuicklookRow,
  CcdVisit1QuicklookRow,
  ExposureQuicklookRow,
  LatissCcdExposureQuicklookRow,
  LatissCcdVisit1QuicklookRow,
  LatissExposureQuicklookRow,
  LatissVisit1QuicklookRow,
  Visit1QuicklookRow,
} from './rows.ts'
export {
  CONSDB_SCHEMA_FOR_INSTRUMENT,
  CONSDB_SCHEMA_VERSIONS,
  CONSDB_TABLES,
  type ConsdbColumn,
  type ConsdbData,
  ConsdbSchema,
  ConsdbTable,
  type ConsdbTableInfo,
  consdbColumn,
  type FelisDatatype,
  requiredColumns,
} from './tables.ts'
