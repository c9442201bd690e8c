// ----------------------------------------------------------------------------
// RubinTV locations: one S3 bucket (plus the profile and endpoint to reach it)
// and the camera groups shown for it. Mirrors `locations` in RubinTV's
// models_data.yaml, plus our own `local` loopback location for one-machine runs.
// ----------------------------------------------------------------------------
import type { Camera } from '../identifiers/cameras.ts'
import { defineIdentifiers } from '../internal/identifier-set.ts'

export const Location = defineIdentifiers({
  name: 'Location',
  description: 'A RubinTV location: one S3 bucket and the cameras shown for it (the {location} URL segment).',
  values: ['test', 'usdf', 'base-usdf', 'tucson-usdf', 'summit-usdf', 'base', 'tucson', 'summit', 'local'],
  docs: {
    test: 'RubinTV test location reading the summit embargo bucket at USDF (in no deployment site).',
    usdf: 'USDF nightly-validation products.',
    'base-usdf': "The Base test stand's bucket, mirrored at USDF.",
    'tucson-usdf': "The Tucson test stand's bucket, mirrored at USDF.",
    'summit-usdf': "The summit's bucket, mirrored at USDF.",
    base: 'The Base test stand (BTS) bucket at La Serena.',
    tucson: 'The Tucson test stand (TTS) bucket.',
    summit: 'The summit bucket on Cerro Pachón.',
    local: 'Our loopback S3 bucket for one-machine runs (not in RubinTV).',
  },
  // RA and RubinTV name the test stands by their short names (RAPID_ANALYSIS_LOCATION=BTS/TTS).
  aliases: { bts: 'base', tts: 'tucson' },
})
export type Location = (typeof Location.values)[number]

/** The environment variable RubinTV (and our services) read when a location names no endpoint. */
export const S3_ENDPOINT_ENV = 'S3_ENDPOINT_URL'

/** A fixed endpoint URL, or one taken from S3_ENDPOINT_URL at run time (with an optional fallback). */
export type EndpointSpec =
  | { readonly url: string }
  | { readonly fromEnv: typeof S3_ENDPOINT_ENV; readonly default?: string }

/** Default endpoint of the loopback S3 server (MinIO-style) for one-machine runs. */
export const LOCAL_S3_ENDPOINT = 'http://127.0.0.1:9000'

export interface CameraGroup {
  readonly title: string
  readonly cameras: readonly Camera[]
}

export interface LocationSpec {
  readonly name: Location
  readonly title: string
  readonly bucket: string
  /** AWS profile in the shared credentials file; null: credentials come from the environment. */
  readonly profile: string | null
  readonly endpoint: EndpointSpec
  /** In display order; a camera's position in the groups is its position on the location page. */
  readonly cameraGroups: readonly CameraGroup[]
  /** Teststands get their own section on RubinTV's home page. */
  readonly isTeststand: boolean
  /** Whether RubinTV shows the cluster-status page (Redis streams) for this location. */
  readonly hasClusterStatus: boolean
}

const SLAC_EMBARGO = { url: 'https://sdfembs3.sdf.slac.stanford.edu' } as const
const SLAC_RGW = { url: 'https://s3dfrgw.slac.stanford.edu' } as const
// The on-site buckets name no endpoint: each deployment sets S3_ENDPOINT_URL.
const FROM_ENV = { fromEnv: S3_ENDPOINT_ENV } as const

const LSSTCAM_FAMILY = ['lsstcam', 'lsstcam_aos', 'lsstcam_guider', 'ra_performance'] as const
const TELESCOPE_MOUNTED: CameraGroup = { title: 'Telescope Mounted', cameras: ['auxtel', ...LSSTCAM_FAMILY] }
const TELESCOPES: CameraGroup = { title: 'Telescopes', cameras: ['tma'] }
const SUMMIT_GROUPS: readonly CameraGroup[] = [
  TELESCOPE_MOUNTED,
  {
    title: 'Other Cameras',
    cameras: ['allsky', 'dream', 'startracker_narrow', 'startracker_wide', 'startracker_fast'],
  },
  TELESCOPES,
  { title: 'Simulated Cameras', cameras: ['comcam_sim', 'comcam_sim_aos'] },
  { title: 'Deprecated Cameras', cameras: ['comcam', 'comcam_aos'] },
]
const BASE_GROUPS: readonly CameraGroup[] = [
  TELESCOPE_MOUNTED,
  { title: 'Cameras', cameras: ['fake_auxtel'] },
  TELESCOPES,
]

export const LOCATIONS = {
  test: {
    name: 'test',
    title: 'TEST',
    bucket: 'rubin-rubintv-data-summit',
    profile: 'rubin-rubintv-data-summit-embargo',
    endpoint: SLAC_EMBARGO,
    cameraGroups: [{ title: 'Test', cameras: ['lsstcam', 'allsky'] }],
    isTeststand: false,
    hasClusterStatus: false,
  },
  usdf: {
    name: 'usdf',
    title: 'USDF',
    bucket: 'rubin-rubintv-data-usdf',
    profile: 'rubin-rubintv-data-usdf-embargo',
    endpoint: SLAC_EMBARGO,
    cameraGroups: [{ title: 'Nightly Validation', cameras: LSSTCAM_FAMILY }],
    isTeststand: false,
    hasClusterStatus: true,
  },
  'base-usdf': {
    name: 'base-usdf',
    title: 'Base',
    bucket: 'rubin-rubintv-data-bts',
    profile: 'rubin-rubintv-data-bts',
    endpoint: SLAC_RGW,
    cameraGroups: BASE_GROUPS,
    isTeststand: true,
    hasClusterStatus: false,
  },
  'tucson-usdf': {
    name: 'tucson-usdf',
    title: 'Tucson',
    bucket: 'rubin-rubintv-data-tts',
    profile: 'rubin-rubintv-data-tts',
    endpoint: SLAC_RGW,
    cameraGroups: [
      { title: 'Telescope Mounted', cameras: ['auxtel'] },
      { title: 'Cameras', cameras: ['fake_auxtel', 'comcam', 'comcam_aos'] },
      TELESCOPES,
    ],
    isTeststand: true,
    hasClusterStatus: false,
  },
  'summit-usdf': {
    name: 'summit-usdf',
    title: 'Summit',
    bucket: 'rubin-rubintv-data-summit',
    profile: 'rubin-rubintv-data-summit-embargo',
    endpoint: SLAC_EMBARGO,
    cameraGroups: SUMMIT_GROUPS,
    isTeststand: false,
    hasClusterStatus: false,
  },
  base: {
    name: 'base',
    title: 'Base',
    bucket: 'rubintv',
    profile: 'base-data-base',
    endpoint: FROM_ENV,
    cameraGroups: BASE_GROUPS,
    isTeststand: false,
    hasClusterStatus: true,
  },
  tucson: {
    name: 'tucson',
    title: 'Tucson',
    bucket: 'rubintv',
    profile: 'tucson-data-tucson',
    endpoint: FROM_ENV,
    cameraGroups: [{ title: 'Cameras', cameras: ['auxtel', 'fake_auxtel', 'comcam', 'comcam_aos'] }, TELESCOPES],
    isTeststand: false,
    hasClusterStatus: false,
  },
  summit: {
    name: 'summit',
    title: 'Summit',
    bucket: 'rubintv',
    profile: 'summit-data-summit',
    endpoint: FROM_ENV,
    cameraGroups: SUMMIT_GROUPS,
    isTeststand: false,
    hasClusterStatus: true,
  },
  // Ours: what a one-machine run of this project produces, in a loopback S3 server that
  // needs no AWS profile. It has a cluster-status page because our head node publishes one.
  local: {
    name: 'local',
    title: 'Local',
    bucket: 'rubintv',
    profile: null,
    endpoint: { fromEnv: S3_ENDPOINT_ENV, default: LOCAL_S3_ENDPOINT },
    cameraGroups: [TELESCOPE_MOUNTED, { title: 'Other Cameras', cameras: ['allsky'] }],
    isTeststand: false,
    hasClusterStatus: true,
  },
} as const satisfies { readonly [L in Location]: LocationSpec & { readonly name: L } }

/** Every camera shown at a location, in display order (RubinTV's resolved `Location.cameras`). */
export function camerasAt(location: Location): readonly Camera[] {
  return LOCATIONS[location].cameraGroups.flatMap((group) => group.cameras)
}

/**
 * Cameras RubinTV knows that no location shows, and why. Their products can only be
 * reached by a direct URL; every other camera is in some location's groups.
 */
export const CAMERAS_IN_NO_LOCATION = {
  comcam_sim_prep: 'ComCamSim preparation runs: configured in RubinTV but listed in no camera group.',
  slac_lsstcam: 'LSSTCam on the SLAC test stand: configured in RubinTV but listed in no camera group.',
  slac_ts8: 'The TS8 test stand at SLAC: configured in RubinTV but listed in no camera group.',
} as const satisfies Partial<Record<Camera, string>>
