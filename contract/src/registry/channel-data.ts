// ----------------------------------------------------------------------------
// Every camera's channels (the third segment of a product key), in RubinTV's
// display order, as RubinTV's models_data.yaml declares them. Lookups live in
// ./channels.ts. Channels are per-seq images unless marked otherwise.
//
// Fixes to RubinTV's YAML made here (RubinTV ignores unknown keys, so these
// were silently lost there):
//   - lsstcam/day_movie, comcam/day_movie, comcam/last_n_movie: `color:` read as `colour:`.
//   - startracker_fast/raw, startracker_fast/analysis: dropped `prefix:` (not a channel
//     field in RubinTV v2, and equal to the channel name anyway).
// ----------------------------------------------------------------------------
import type { Camera } from '../identifiers/cameras.ts'

/** How a channel's products are shown: movies are mp4 videos, everything else an image. */
export type MediaType = 'image' | 'video'

/** A channel as declared; ./channels.ts fills in the defaults (perDay false, mediaType image). */
export interface ChannelDef {
  /** Word characters only: RubinTV parses the channel segment of a key as `\w+`. */
  readonly name: string
  readonly title: string
  /** Short button text; RubinTV falls back to the title. */
  readonly label?: string
  /** One product per day (movies, all-sky stills) rather than one per image. */
  readonly perDay?: boolean
  readonly colour?: string
  readonly textColour?: string
  /** Button icon name (RubinTV `static/images/{icon}.svg`). */
  readonly icon?: string
  readonly mediaType?: MediaType
}

const VIDEO = 'video' as const

const AUXTEL_CHANNELS = [
  { name: 'monitor', title: 'Monitor', colour: '#F07F85' },
  { name: 'imexam', title: 'Image Analysis', label: 'ImAnalysis', colour: '#7FF094' },
  { name: 'specexam', title: 'Spectrum', colour: '#7F85F0' },
  { name: 'mount', title: 'Mount', colour: '#F0C87F' },
  { name: 'movies', title: "Tonight's Movie", label: 'Movie for ', perDay: true, colour: '#83daee', mediaType: VIDEO },
] as const

const TEST_STAND_CHANNELS = [
  { name: 'focal_plane_mosaic', title: 'Focal Plane mosaic', colour: '#6fe9ba' },
  { name: 'noise_map', title: 'Noise Map', colour: '#e771a8' },
] as const

export const CHANNEL_DATA = {
  lsstcam: [
    { name: 'witness_detector', title: 'Witness Detector', colour: '#64ced9' },
    { name: 'focal_plane_mosaic', title: 'Post-ISR mosaic', colour: '#85e986' },
    { name: 'calexp_mosaic', title: 'Calexp mosaic', colour: '#E76FD8' },
    { name: 'psf_shape_azel', title: 'PSF shape AzEl', colour: '#6F58E7', textColour: '#fff' },
    { name: 'fwhm_focal_plane', title: 'FWHM Focal Plane', colour: '#6232A8', textColour: '#fff' },
    { name: 'mount', title: 'Mount torques', colour: '#58b4e7' },
    { name: 'imexam', title: 'Image Analysis', colour: '#e7587b' },
    { name: 'event_timeline', title: 'Event timeline', colour: '#e79459' },
    { name: 'day_movie', title: 'Whole Day Movie', perDay: true, colour: '#83daee', icon: 'movies', mediaType: VIDEO },
  ],
  lsstcam_aos: [
    { name: 'fp_pairing_plot', title: 'Post-ISR mosaic', colour: '#6fe9ba' },
    { name: 'fp_donut_gallery', title: 'Donut Gallery', colour: '#c7e692' },
    { name: 'zk_residual_pyramid', title: 'Zernike Residual Pyramid', colour: '#e2d36b' },
    { name: 'zk_measurement_pyramid', title: 'Zernike Measurement Pyramid', colour: '#876f45', textColour: '#fff' },
    { name: 'focus_sweep', title: 'Focus Sweep', colour: '#965d82', textColour: '#fff' },
    { name: 'psf_zk_panel', title: 'AOS residual FWHM', colour: '#d27549' },
    { name: 'donut_fits', title: 'Donut Fits', colour: '#f0a500' },
    { name: 'zernike_predicted_fwhm', title: 'Zernike predicted FWHM', colour: '#f08a5d' },
    { name: 'dof_predicted_fwhm', title: 'DOF predicted FWHM', colour: '#b83b5e', textColour: '#fff' },
  ],
  // The guider movies are per-seq mp4s: one movie per image, not per day.
  lsstcam_guider: [
    { name: 'full_movie', title: 'Full movie', colour: '#c7522a', textColour: '#000', mediaType: VIDEO },
    { name: 'star_movie', title: 'Star movie', colour: '#e5c185', textColour: '#000', mediaType: VIDEO },
    { name: 'centroid_alt_az', title: 'Centroid Alt/az', colour: '#fbf2c4', textColour: '#000' },
    { name: 'flux_trend', title: 'Flux trend', colour: '#74a892', textColour: '#000' },
    { name: 'psf_trend', title: 'PSF trend', colour: '#008585', textColour: '#000' },
  ],
  ra_performance: [
    { name: 'timing_diagram', title: 'Timing Diagram', colour: '#85e986' },
    { name: 'aos_timing', title: 'AOS Timing', colour: '#e7a9df' },
  ],
  auxtel: AUXTEL_CHANNELS,
  // Per-day with a seq: stills are re-uploaded per frame, movies periodically and then as `final`.
  allsky: [
    { name: 'movies', title: 'Current Movie', perDay: true, mediaType: VIDEO },
    { name: 'stills', title: 'Current Image', perDay: true },
  ],
  startracker_narrow: [
    { name: 'raw', title: 'StarTracker Narrow', colour: '#58528b' },
    { name: 'analysis', title: 'Analysis', colour: '#ba528f' },
  ],
  startracker_wide: [
    { name: 'raw', title: 'StarTracker Wide', label: 'ST Wide', colour: '#fc6465' },
    { name: 'analysis', title: 'Wide Analysis', label: 'ST Wide Analysis', colour: '#fda529' },
  ],
  startracker_fast: [
    { name: 'raw', title: 'StarTrackerFast', colour: '#FECC66' },
    { name: 'analysis', title: 'Analysis', colour: '#d5fa80' },
  ],
  tma: [
    { name: 'mount', title: 'Mount motion profile', colour: '#fa9284' },
    { name: 'm1m3_hardpoint', title: 'M1M3 HP and Slew Profile', colour: '#97d2f0' },
  ],
  dream: [{ name: 'extinction_map', title: 'Extinction Map', colour: '#e9c37e' }],
  comcam: [
    { name: 'focal_plane_mosaic', title: 'Post-ISR mosaic', colour: '#85e986' },
    { name: 'calexp_mosaic', title: 'Calexp mosaic', colour: '#E76FD8' },
    { name: 'psf_shape_azel', title: 'PSF shape AzEl', colour: '#6F58E7' },
    { name: 'mount', title: 'Mount torques', colour: '#58b4e7' },
    { name: 'imexam', title: 'Image Analysis', colour: '#e7587b' },
    { name: 'event_timeline', title: 'Event timeline', colour: '#e79459' },
    { name: 'day_movie', title: 'Whole Day Movie', perDay: true, colour: '#83daee', icon: 'movies', mediaType: VIDEO },
    {
      name: 'last_n_movie',
      title: 'Last N Images Movie',
      perDay: true,
      colour: '#83eebe',
      icon: 'movies',
      mediaType: VIDEO,
    },
  ],
  comcam_aos: [
    { name: 'fp_donut_gallery', title: 'Focal Plane Donut Gallery', colour: '#c7e692' },
    { name: 'zk_residual_pyramid', title: 'Zernike Residual Pyramid', colour: '#e2d36b' },
    { name: 'zk_measurement_pyramid', title: 'Zernike Measurement Pyramid', colour: '#876f45' },
    { name: 'focus_sweep', title: 'Focus Sweep', colour: '#965d82' },
    { name: 'psf_zk_panel', title: 'AOS residual FWHM', colour: '#d27549' },
  ],
  comcam_sim: [
    { name: 'focal_plane_mosaic', title: 'Post-ISR mosaic', colour: '#6fe9ba' },
    { name: 'calexp_mosaic', title: 'Calexp mosaic', colour: '#e771a8' },
    { name: 'psf_shape_azel', title: 'PSF shape AzEl', colour: '#BC8CE7' },
  ],
  comcam_sim_aos: [
    { name: 'fp_donut_gallery', title: 'Focal Plane Donut Gallery', colour: '#d4e6b5' },
    { name: 'zk_residual_pyramid', title: 'Zernike Residual Pyramid', colour: '#e2d686' },
    { name: 'zk_measurement_pyramid', title: 'Zernike Measurement Pyramid', colour: '#877b66' },
    { name: 'focus_sweep', title: 'Focus Sweep', colour: '#967289' },
    { name: 'psf_zk_panel', title: 'AOS residual FWHM', colour: '#d27c54' },
  ],
  comcam_sim_prep: TEST_STAND_CHANNELS,
  slac_lsstcam: [...TEST_STAND_CHANNELS, { name: 'ccob_analysis', title: 'CCOB Analysis', colour: '#e7ae71' }],
  slac_ts8: TEST_STAND_CHANNELS,
  fake_auxtel: AUXTEL_CHANNELS,
} as const satisfies { readonly [C in Camera]: readonly ChannelDef[] }

/** The channel names of one camera (or, by default, of any camera). */
export type ChannelName<C extends Camera = Camera> = (typeof CHANNEL_DATA)[C][number]['name']
