// ----------------------------------------------------------------------------
// Metadata-table cells of the one-offs. Column names the contract's metadata
// column registry declares are typed against it (a renamed registry column fails
// to compile here); the others (RubinTV's registry does not list them; they are
// shown when a user picks them) come from the contract's ONE_OFF_METADATA_COLUMNS.
// ----------------------------------------------------------------------------
import {
  type CellFlag,
  type ExposureRecord,
  FLAG_PREFIX,
  type METADATA_COLUMN_DATA,
  type MetadataRow,
  ONE_OFF_METADATA_COLUMNS,
} from '@rubin/ra-contract'

type Registry = typeof METADATA_COLUMN_DATA
/** Every column name some camera's registry entry declares. */
export type RegistryColumn = { [C in keyof Registry]: keyof Registry[C] & string }[keyof Registry]

/** Registry columns the one-offs fill (typed against the registry). */
export const COLUMN = {
  exposureTime: 'Exposure time',
  imageType: 'Image type',
  darkTime: 'Dark time',
  filter: 'Filter',
  airmass: 'Airmass',
  target: 'Target',
  tai: 'TAI',
  mountDegradation: 'Mount motion image degradation',
} as const satisfies Record<string, RegistryColumn>

/** Columns outside RubinTV's registry, declared in the contract. */
export const EXTRA_COLUMN = ONE_OFF_METADATA_COLUMNS

/** The ugrizy band of a physical filter (r_57 → r, SDSSr_65mm → r), if it has one. */
export function bandOf(physicalFilter: string): string | undefined {
  const f = physicalFilter.trim()
  const lsst = /^([ugrizy])(?:_|$)/.exec(f)
  if (lsst) return lsst[1]
  const sdss = /^SDSS([ugriz])/.exec(f)
  return sdss?.[1]
}

const BAND_FLAGS: Readonly<Record<string, CellFlag>> = {
  u: 'u_color',
  g: 'g_color',
  r: 'r_color',
  i: 'i_color',
  z: 'z_color',
  y: 'y_color',
}

/** The colour flag of a filter cell: its band's colour, white for none/empty. */
export function filterFlag(physicalFilter: string): CellFlag | undefined {
  const band = bandOf(physicalFilter)
  if (band !== undefined) return BAND_FLAGS[band]
  return /^(empty|none)?$/i.test(physicalFilter.split('~')[0]?.trim() ?? '') ? 'white_color' : undefined
}

/** Plane-parallel airmass sec(z) (undefined when the zenith angle is unknown or the target below ~3° elevation). */
export function airmassOf(zenithAngleDeg: number | null): number | undefined {
  if (zenithAngleDeg === null || !(zenithAngleDeg >= 0 && zenithAngleDeg < 87)) return undefined
  return 1 / Math.cos((zenithAngleDeg * Math.PI) / 180)
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits
const flag = (column: string) => `${FLAG_PREFIX}${column}`

/** The cells an ExposureRecord fills on its camera's metadata table (nulls left out). */
export function recordCells(record: ExposureRecord): MetadataRow {
  const row: Record<string, MetadataRow[string]> = {
    [COLUMN.exposureTime]: record.exposureTime,
    [COLUMN.darkTime]: record.darkTime,
    [COLUMN.imageType]: record.observationType,
    [COLUMN.filter]: record.physicalFilter,
    [COLUMN.target]: record.targetName,
    [COLUMN.tai]: record.timespanBegin,
    [EXTRA_COLUMN.dateBegin]: record.timespanBegin,
    [EXTRA_COLUMN.observationReason]: record.observationReason,
    [EXTRA_COLUMN.scienceProgram]: record.scienceProgram,
    [EXTRA_COLUMN.groupId]: record.groupId,
  }
  const colour = filterFlag(record.physicalFilter)
  if (colour !== undefined) row[flag(COLUMN.filter)] = colour
  const airmass = airmassOf(record.zenithAngle)
  if (airmass !== undefined) row[COLUMN.airmass] = round(airmass, 3)
  if (record.zenithAngle !== null) row[EXTRA_COLUMN.elevation] = round(90 - record.zenithAngle, 3)
  if (record.azimuth !== null) row[EXTRA_COLUMN.azimuth] = round(record.azimuth, 3)
  if (record.trackingRa !== null) row[EXTRA_COLUMN.ra] = round(record.trackingRa, 5)
  if (record.trackingDec !== null) row[EXTRA_COLUMN.dec] = round(record.trackingDec, 5)
  if (record.skyAngle !== null) row[EXTRA_COLUMN.skyAngle] = round(record.skyAngle, 3)
  return row
}

/** A flagged measurement cell: NaN becomes null (the contract's rule), finite values are marked measured. */
export function measuredCells(column: string, value: number, digits = 3): MetadataRow {
  if (!Number.isFinite(value)) return { [column]: null }
  return { [column]: round(value, digits), [flag(column)]: 'measured' }
}
