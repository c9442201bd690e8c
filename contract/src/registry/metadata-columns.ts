// ----------------------------------------------------------------------------
// Each camera's default metadata-table columns (name → header tooltip), in
// RubinTV's display order. Producers may write any other columns too; these are
// the ones shown on a first visit. Mirrors `metadata_columns` in RubinTV's YAML.
//
// Fixes to RubinTV's YAML made here:
//   - The TS8 columns are keyed `ts8` there, which is no camera, so RubinTV never
//     attaches them; here they belong to `slac_ts8`.
//   - dream's two columns have null descriptions there; here they are ''.
// ----------------------------------------------------------------------------
import { Camera } from '../identifiers/cameras.ts'

export interface MetadataColumn {
  readonly name: string
  readonly description: string
}

const EXPOSURE_TIME = { 'Exposure time': 'The image exposure time' } as const
const IMAGE_TYPE = { 'Image type': 'The image type, e.g. bias, dark, flat etc' } as const
const DARK_TIME = { 'Dark time': 'The image dark time' } as const
const RUN_NUMBER = {
  'Run number': "The run number, as taken from the exposure record's science_program field",
} as const

const AUXTEL = {
  'Exposure log entries': 'Any exposure log entries which have been made, click to pop out the details',
  'Mount motion image degradation':
    'An estimate of the degradation of the PSF, in arcseconds, due mount tracking issues',
  ...EXPOSURE_TIME,
  ...IMAGE_TYPE,
  Target: 'The name of the target in the exposure',
  Filter: 'The filter in use for the image, or `empty` if none',
  Disperser: 'The dispersive element in use for the image, or `empty` if none',
  Airmass: 'The airmass of the observation',
  TAI: 'The TAI of the observation',
  'DIMM Seeing': 'The seeing, as measured by the DIMM, if available',
} as const

const HEADER_ALT_AZ = 'from the pointing component, calculated as the simple average of the start and end positions.'
const FITTED_ALT_AZ =
  'The alt and az are calculated from the fitted ra and dec using astropy, and currently applying nominal ' +
  'refraction correction, i.e. with default values for the pressure, temperature and relative humidity.'

/** The star-tracker astrometry columns, before the camera suffix (` narrow`, ` wide`, ` fast`). */
const STAR_TRACKER = [
  ['Exposure Time', 'The image exposure time'],
  ['MJD', 'The MJD of the observation'],
  ['UTC', 'The UTC of the observation - currently misreported, it is actually TAI'],
  ['Ra', 'The commanded ra from the header, i.e. from the pointing component'],
  ['Dec', 'The commanded dec from the header, i.e. from the pointing component'],
  ['Alt', `The average alt from the header, i.e. ${HEADER_ALT_AZ}`],
  ['Az', `The average az from the header, i.e. ${HEADER_ALT_AZ}`],
  ['nSources', 'The total number of sources detected in the image'],
  ['nSources filtered', 'The total number of sources passed to the fitter'],
  ['Calculated Ra', 'The calculated ra from the astrometric fit'],
  ['Calculated Dec', 'The calculated dec from the astrometric fit'],
  ['Delta Ra Arcsec', 'The difference between the commanded and fitted ra, in arcseconds'],
  ['Delta Dec Arcsec', 'The difference between the commanded and fitted dec, in arcseconds'],
  ['Calculated Alt', `The calculated alt from the astrometric fit. ${FITTED_ALT_AZ}`],
  ['Calculated Az', `The calculated az from the astrometric fit. ${FITTED_ALT_AZ}`],
  ['Delta Alt Arcsec', 'The difference between the commanded and fitted alt, in arcseconds'],
  ['Delta Az Arcsec', 'The difference between the commanded and fitted az, in arcseconds'],
  [
    'Delta Rot Arcsec',
    "The difference between the commanded and fitted rotator angle, in arcseconds. Note that as we don't " +
      'have a rotator, this is more or less arbitrary.',
  ],
  [
    'RMS scatter arcsec',
    'The RMS distance between the measured position of each source and its position in the catalog, in arcseconds',
  ],
  [
    'RMS scatter pixels',
    'The RMS distance between the measured position of each source and its position in the catalog, in pixels',
  ],
] as const

// RubinTV's wide and fast defaults name MJD and UTC without the suffix; kept as RubinTV has them.
function starTracker(suffix: string, unsuffixed: readonly string[] = []): Readonly<Record<string, string>> {
  return Object.fromEntries(
    STAR_TRACKER.map(([name, description]) => [unsuffixed.includes(name) ? name : `${name} ${suffix}`, description]),
  )
}

const TMA_TORQUE =
  'in Nm, including its sign. So, if the largest toque magnitude is a negative one, it will be a large negative ' +
  'value, if the largest toque seen was positive, it will be large and positive.'

const TEST_STAND = {
  ...RUN_NUMBER,
  ...EXPOSURE_TIME,
  ...DARK_TIME,
  ...IMAGE_TYPE,
}

export const METADATA_COLUMN_DATA = {
  lsstcam: { ...EXPOSURE_TIME, ...IMAGE_TYPE },
  lsstcam_aos: { ...EXPOSURE_TIME, ...IMAGE_TYPE },
  lsstcam_guider: { ...EXPOSURE_TIME, ...IMAGE_TYPE },
  ra_performance: { ...EXPOSURE_TIME, ...IMAGE_TYPE },
  auxtel: AUXTEL,
  allsky: {},
  startracker_narrow: starTracker('narrow'),
  startracker_wide: starTracker('wide', ['MJD', 'UTC']),
  startracker_fast: starTracker('fast', ['MJD', 'UTC']),
  tma: {
    'Event version number':
      'The code version which generated the event. Events only necessarily have the same timespans when their ' +
      'version numbers match!',
    'Event type': 'The type of event, i.e. was it a regular move (MOVING) or were we tracking the sky (TRACKING)?',
    'End reason': 'Why did the event end? Did we turn off, stop, go to fault, or change movement type?',
    Duration: 'The duration of the event, in seconds.',
    'Time UTC': 'The start time of the event, as a UTC time string.',
    'Elevation start': 'The starting elevation value, in degrees.',
    'Elevation move': 'The total net elevation move, in degrees.',
    'Largest elevation torque': `The largest elevation torque during the event, ${TMA_TORQUE}`,
    'Azimuth start': 'The starting azimuth value, in degrees.',
    'Azimuth move': 'The total net azimuth move, in degrees.',
    'Largest azimuth torque': `The largest azimuth torque during the event, ${TMA_TORQUE}`,
  },
  dream: { 'Local time': '', UTC: '' },
  comcam: {
    ...EXPOSURE_TIME,
    ...DARK_TIME,
    ...IMAGE_TYPE,
    'Test type': 'The type of test being run, e.g. superflats etc',
  },
  comcam_aos: EXPOSURE_TIME,
  comcam_sim: EXPOSURE_TIME,
  comcam_sim_aos: EXPOSURE_TIME,
  comcam_sim_prep: {},
  slac_lsstcam: { ...TEST_STAND, 'Test type': 'The type of test being run, e.g. superflats' },
  slac_ts8: { ...TEST_STAND, 'Test type': 'The type of test being run, e.g. superflats etc' },
  fake_auxtel: AUXTEL,
} as const satisfies { readonly [C in Camera]: Readonly<Record<string, string>> }

const COLUMNS: ReadonlyMap<Camera, readonly MetadataColumn[]> = new Map(
  Camera.values.map((camera) => {
    const columns: Readonly<Record<string, string>> = METADATA_COLUMN_DATA[camera]
    return [camera, Object.entries(columns).map(([name, description]) => ({ name, description }))] as const
  }),
)

/** A camera's default metadata columns in display order (empty when it has none). */
export function metadataColumnsOf(camera: Camera): readonly MetadataColumn[] {
  return COLUMNS.get(camera) ?? []
}
