// ----------------------------------------------------------------------------
// Today's producer vocabulary, mapped onto the registry. rubintv_production
// names uploads by legacy "channels" (`summit_imexam`, `auxtel_metadata`) and
// translates them to RubinTV's (camera, channel) in `getCameraAndPlotName`
// (rubintv_production channels.py; ra_framework.md §8.4, rubintv.md §2.6).
// The contract owns that table so both sides read one copy.
// ----------------------------------------------------------------------------
import type { Camera } from '../identifiers/cameras.ts'
import { defineIdentifiers } from '../internal/identifier-set.ts'
import { fail, issue, type Result } from '../result.ts'
import type { ChannelName } from './channel-data.ts'
import { type ChannelSpec, parseChannel } from './channels.ts'

/** Legacy metadata-channel name → the camera whose `metadata.json` it writes. */
export const METADATA_CHANNEL_CAMERAS = {
  auxtel_metadata: 'auxtel',
  lsstcam_metadata: 'lsstcam',
  lsstcam_aos_metadata: 'lsstcam_aos',
  lsstcam_guider_metadata: 'lsstcam_guider',
  // No `_metadata` suffix: RA's performance table is filed under the bare name.
  ra_performance: 'ra_performance',
  tma_metadata: 'tma',
  // One table for all three star trackers; wide and fast read it through metadata_from.
  startracker_metadata: 'startracker_narrow',
  comcam_metadata: 'comcam',
  comcam_aos_metadata: 'comcam_aos',
  comcam_sim_metadata: 'comcam_sim',
  comcam_sim_aos_metadata: 'comcam_sim_aos',
  comcam_sim_prep_metadata: 'comcam_sim_prep',
  slac_lsstcam_metadata: 'slac_lsstcam',
  ts8_metadata: 'slac_ts8',
} as const satisfies Record<string, Camera>

export type MetadataChannel = keyof typeof METADATA_CHANNEL_CAMERAS

const METADATA_CHANNELS = Object.keys(METADATA_CHANNEL_CAMERAS) as MetadataChannel[]

export const MetadataChannel = defineIdentifiers({
  name: 'MetadataChannel',
  description: 'A legacy producer metadata-channel name; it selects the camera whose metadata.json is written.',
  values: METADATA_CHANNELS,
  docs: Object.fromEntries(
    METADATA_CHANNELS.map((name) => [name, `Writes ${METADATA_CHANNEL_CAMERAS[name]}/{day}/metadata.json.`]),
  ) as Record<MetadataChannel, string>,
  // Legacy names are S3-facing tokens: exact spelling only.
  loose: false,
})

/** The camera a legacy metadata channel writes to, or an issue naming the known metadata channels. */
export function cameraForMetadataChannel(value: unknown, path = ''): Result<Camera> {
  const parsed = MetadataChannel.parse(value, path)
  return parsed.ok ? { ok: true, value: METADATA_CHANNEL_CAMERAS[parsed.value] } : parsed
}

/** Legacy producer plot channel → RubinTV (camera, channel). */
export const LEGACY_CHANNELS = {
  auxtel_monitor: { camera: 'auxtel', channel: 'monitor' },
  summit_imexam: { camera: 'auxtel', channel: 'imexam' },
  summit_specexam: { camera: 'auxtel', channel: 'specexam' },
  auxtel_mount_torques: { camera: 'auxtel', channel: 'mount' },
  auxtel_movies: { camera: 'auxtel', channel: 'movies' },
  fake_auxtel_monitor: { camera: 'fake_auxtel', channel: 'monitor' },
  fake_summit_imexam: { camera: 'fake_auxtel', channel: 'imexam' },
  fake_summit_specexam: { camera: 'fake_auxtel', channel: 'specexam' },
  fake_auxtel_mount_torques: { camera: 'fake_auxtel', channel: 'mount' },
  fake_auxtel_movies: { camera: 'fake_auxtel', channel: 'movies' },
  all_sky_current: { camera: 'allsky', channel: 'stills' },
  all_sky_movies: { camera: 'allsky', channel: 'movies' },
  startracker_wide_raw: { camera: 'startracker_wide', channel: 'raw' },
  startracker_wide_analysis: { camera: 'startracker_wide', channel: 'analysis' },
  startracker_fast_raw: { camera: 'startracker_fast', channel: 'raw' },
  startracker_fast_analysis: { camera: 'startracker_fast', channel: 'analysis' },
  tma_mount_motion_profile: { camera: 'tma', channel: 'mount' },
  tma_m1m3_hardpoint_profile: { camera: 'tma', channel: 'm1m3_hardpoint' },
  comcam_focal_plane_mosaic: { camera: 'comcam', channel: 'focal_plane_mosaic' },
  slac_lsstcam_focal_plane_mosaic: { camera: 'slac_lsstcam', channel: 'focal_plane_mosaic' },
  slac_lsstcam_noise_map: { camera: 'slac_lsstcam', channel: 'noise_map' },
  slac_lsstcam_ccob_analysis: { camera: 'slac_lsstcam', channel: 'ccob_analysis' },
  ts8_focal_plane_mosaic: { camera: 'slac_ts8', channel: 'focal_plane_mosaic' },
  ts8_noise_map: { camera: 'slac_ts8', channel: 'noise_map' },
} as const satisfies Record<string, { readonly camera: Camera; readonly channel: ChannelName }>

export type LegacyChannel = keyof typeof LEGACY_CHANNELS

/**
 * Legacy names the producer lookup knows that name no RubinTV channel, and why.
 * parseLegacyChannel refuses them with the reason instead of "unknown".
 */
export const LEGACY_NON_CHANNELS = {
  startracker_raw: "maps to camera 'startracker', which is not a RubinTV camera",
  startracker_analysis: "maps to camera 'startracker', which is not a RubinTV camera",
  comcam_noise_map: 'maps to comcam/noise_map, which is not a RubinTV channel of comcam',
  auxtel_night_reports: 'names the auxtel night report, which is not a channel',
  startracker_night_reports: 'names the star-tracker night report, which is not a channel',
  auxtel_isr_runner: 'names a heartbeat service, not a channel',
  auxtel_metadata_creator: 'never uploads: the producer lookup deliberately maps it to nothing',
} as const satisfies Record<string, string>

/** The registry channel a legacy producer channel name stands for. */
export function parseLegacyChannel(value: unknown, path = ''): Result<ChannelSpec> {
  const expected = `one of: ${Object.keys(LEGACY_CHANNELS).join(', ')}`
  if (typeof value !== 'string') {
    return fail(issue(path, 'legacy channel must be a string', { expected, received: value }))
  }
  if (Object.hasOwn(LEGACY_CHANNELS, value)) {
    const { camera, channel } = LEGACY_CHANNELS[value as LegacyChannel]
    return parseChannel(camera, channel, path)
  }
  if (Object.hasOwn(LEGACY_NON_CHANNELS, value)) {
    const reason = LEGACY_NON_CHANNELS[value as keyof typeof LEGACY_NON_CHANNELS]
    return fail(issue(path, `legacy channel '${value}' ${reason}`, { expected, received: value }))
  }
  if (Object.hasOwn(METADATA_CHANNEL_CAMERAS, value)) {
    const camera = METADATA_CHANNEL_CAMERAS[value as MetadataChannel]
    return fail(
      issue(path, `'${value}' is a metadata channel (${camera}/{day}/metadata.json), not a plot channel`, {
        expected,
        received: value,
      }),
    )
  }
  return fail(issue(path, `unknown legacy channel '${value}'`, { expected, received: value }))
}
