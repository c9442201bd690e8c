// ----------------------------------------------------------------------------
// The whitelist of ConsDB columns RA writes, per schema and quicklook table
// (ecosystem.md §1.4, "How RA writes ConsDB"). RA's row schemas accept these
// columns and nothing else: a new column is a deliberate contract change here.
// ----------------------------------------------------------------------------
import type { ConsdbColumnName } from './row-schema.ts'
import { CONSDB_TABLES } from './tables.ts'

/**
 * ExposureSummaryStats fields RA maps to per-detector columns (camelCase -> snake_case): effTime and
 * its three scales, magLim -> stats_mag_lim, astromOffsetMean/Std, maxDistToNearestPsf, meanVar,
 * nPsfStar, psfArea, psfIxx/Iyy/Ixy, psfSigma, the seven psfStarDelta* stats, psfTraceRadiusDelta,
 * skyBg, skyNoise, zenithDistance and zeroPoint.
 */
export const CCD_SUMMARY_STAT_COLUMNS = [
  'eff_time',
  'eff_time_psf_sigma_scale',
  'eff_time_sky_bg_scale',
  'eff_time_zero_point_scale',
  'stats_mag_lim',
  'astrom_offset_mean',
  'astrom_offset_std',
  'max_dist_to_nearest_psf',
  'mean_var',
  'n_psf_star',
  'psf_area',
  'psf_ixx',
  'psf_iyy',
  'psf_ixy',
  'psf_sigma',
  'psf_star_delta_e1_median',
  'psf_star_delta_e2_median',
  'psf_star_delta_e1_scatter',
  'psf_star_delta_e2_scatter',
  'psf_star_delta_size_median',
  'psf_star_delta_size_scatter',
  'psf_star_scaled_delta_size_scatter',
  'psf_trace_radius_delta',
  'sky_bg',
  'sky_noise',
  'zenith_distance',
  'zero_point',
] as const

type CcdStat = (typeof CCD_SUMMARY_STAT_COLUMNS)[number]

/** The stats RA aggregates per visit: all of the above except zenith_distance (no visit-level column). */
export const VISIT_AGGREGATED_STATS = CCD_SUMMARY_STAT_COLUMNS.filter(
  (stat): stat is Exclude<CcdStat, 'zenith_distance'> => stat !== 'zenith_distance',
)

type ZernikeColumn = Extract<ConsdbColumnName<'cdb_lsstcam', 'ccdvisit1_quicklook'>, `z${number}`>

/** Zernike coefficients z4..z28 (um), written per wavefront detector into ccdvisit1_quicklook. */
export const ZERNIKE_COLUMNS: readonly ZernikeColumn[] = Array.from(
  { length: 25 },
  (_, i) => `z${i + 4}` as ZernikeColumn,
)

type Aggregate<S extends string> = `${S}_${'min' | 'max' | 'median'}`

/** RA writes nan-min, nan-max and nan-median of each stat over the visit's detectors. */
function aggregates<S extends string>(stats: readonly S[]): Aggregate<S>[] {
  return stats.flatMap((s) => [`${s}_min`, `${s}_max`, `${s}_median`] as Aggregate<S>[])
}

type GuiderColumn = Extract<ConsdbColumnName<'cdb_lsstcam', 'visit1_quicklook'>, `guider_${string}`>

/** Every guider_* column of LSSTCam visit1_quicklook: RA's guider metrics and tomographic seeing. */
const GUIDER_COLUMNS = CONSDB_TABLES.cdb_lsstcam.visit1_quicklook.columns
  .map((c) => c.name)
  .filter((name) => name.startsWith('guider_')) as GuiderColumn[]

const MOUNT = [
  'mount_motion_image_degradation',
  'mount_motion_image_degradation_az',
  'mount_motion_image_degradation_el',
  'mount_jitter_rms',
  'mount_jitter_rms_az',
  'mount_jitter_rms_el',
  'mount_jitter_rms_rot',
] as const

export const RA_WRITTEN_COLUMNS = {
  cdb_lsstcam: {
    /** Per detector once its visit image exists; Zernikes later, per wavefront detector. */
    ccdvisit1_quicklook: [
      'day_obs',
      'seq_num',
      'detector',
      'ccdvisit_id',
      ...CCD_SUMMARY_STAT_COLUMNS,
      ...ZERNIKE_COLUMNS,
    ] as const,
    /** Per visit (upsert); then partial upserts: AOS FWHMs, rotator angle, guider metrics. */
    visit1_quicklook: [
      'visit_id',
      'day_obs',
      'seq_num',
      'n_inputs',
      ...aggregates(VISIT_AGGREGATED_STATS),
      'n_psf_star_total',
      'aos_fwhm',
      'donut_blur_fwhm',
      'physical_rotator_angle',
      ...GUIDER_COLUMNS,
    ] as const,
    /** Mount analysis (always an upsert): image degradation and jitter, per axis and hexapod. */
    exposure_quicklook: [
      'exposure_id',
      'day_obs',
      'seq_num',
      ...MOUNT,
      'mount_motion_image_degradation_rot',
      'mount_jitter_rms_cam_hexapod',
      'mount_jitter_rms_m2_hexapod',
    ] as const,
    /** Per detector once its post-ISR image exists (before any visit image). */
    ccdexposure_quicklook: ['day_obs', 'seq_num', 'detector', 'ccdexposure_id', 'postisr_pixel_median'] as const,
  },
  // LATISS by analogy (§1.3): one CCD, so the visit row holds that CCD's un-suffixed values; no
  // stats_mag_lim per CCD, no Zernikes, no rotator degradation and no hexapod jitter columns.
  cdb_latiss: {
    ccdvisit1_quicklook: [
      'day_obs',
      'seq_num',
      'detector',
      'ccdvisit_id',
      ...CCD_SUMMARY_STAT_COLUMNS.filter((c): c is Exclude<CcdStat, 'stats_mag_lim'> => c !== 'stats_mag_lim'),
    ] as const,
    visit1_quicklook: ['visit_id', 'day_obs', 'seq_num', 'n_inputs', ...VISIT_AGGREGATED_STATS] as const,
    exposure_quicklook: ['exposure_id', 'day_obs', 'seq_num', ...MOUNT] as const,
    ccdexposure_quicklook: ['day_obs', 'seq_num', 'detector', 'ccdexposure_id', 'postisr_pixel_median'] as const,
  },
} as const
