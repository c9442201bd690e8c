// ----------------------------------------------------------------------------
// What RubinTV needs to know about each camera besides its channels: the
// instrument behind it, where its metadata table comes from, and the link and
// copy templates for its table rows. Mirrors `cameras` in RubinTV's
// models_data.yaml; presentation-only keys (logo, text colours) are not here.
//
// Fixes to RubinTV's YAML made here:
//   - ra_performance copy_row_template: the YAML closes the data id one brace early
//     (`{seqNum}}, "detector": 0}`), so the copied text is not valid Python.
//   - auxtel `night_report_prefix` and slac_lsstcam `icon` dropped: not RubinTV camera
//     fields, so RubinTV ignores them.
// ----------------------------------------------------------------------------
import type { Camera } from '../identifiers/cameras.ts'
import type { Instrument } from '../identifiers/instruments.ts'
import type { ChannelName } from './channel-data.ts'

/** A tile of the "Movies View" mosaic page; its media type is its channel's. */
export interface MosaicTile<C extends Camera = Camera> {
  readonly channel: ChannelName<C>
  /** Metadata columns shown under the tile. */
  readonly metaColumns: readonly string[]
}

/** A button on the camera page linking somewhere other than a channel. */
export interface ExtraButton {
  readonly name: string
  readonly title: string
  /** Relative to the camera page URL. */
  readonly linkUrl: string
  readonly logo?: string
  readonly textColour?: string
}

export interface CameraSpec<C extends Camera = Camera> {
  readonly name: C
  readonly title: string
  /** The butler instrument whose exposures the camera's products come from. */
  readonly instrument?: Instrument
  /** Another camera whose metadata.json this camera's table reads. */
  readonly metadataFrom?: Camera
  readonly nightReportLabel: string
  /**
   * Row link to the CCS image viewer. Placeholders: {dayObs} (YYYYMMDD), {seqNum},
   * {siteLoc} (summit→cp, base→ls) and {controller:default=O} (the row's `controller`).
   */
  readonly imageViewerLink?: string
  /** Text a row's copy button puts on the clipboard; {dayObs} and {seqNum} as above. */
  readonly copyRowTemplate?: string
  /** Label of the clock counting time since the newest row (needs `Date begin` and `Exposure time`). */
  readonly timeSinceClockLabel?: string
  /** Tiles of the mosaic page; the page exists only for cameras with tiles. */
  readonly mosaicView: readonly MosaicTile<C>[]
  readonly extraButtons: readonly ExtraButton[]
}

/** RubinTV's label for the night-report link when a camera sets none. */
export const DEFAULT_NIGHT_REPORT_LABEL = "Night's Evolution"
const NIGHT = DEFAULT_NIGHT_REPORT_LABEL
const TRENDING = 'Trending Plots'
const SINCE_IMAGE = 'Time since last image'
const SINCE_REFOCUS = 'Time since last refocus'
const DATA_ID = 'dataId = {"day_obs": {dayObs}, "seq_num": {seqNum}}'
const DATA_ID_DETECTOR_0 = 'dataId = {"day_obs": {dayObs}, "seq_num": {seqNum}, "detector": 0}'
const CCS_AUXTEL =
  'http://ccs.lsst.org/FITSInfo/view.html?image=AT_O_{dayObs}_{seqNum}' +
  '&raft=R00&color=grey&bias=Simple+Overscan+Correction&scale=Per-Segment&source=RubinTV'
const MOVIES_VIEW: ExtraButton = {
  name: 'moviesView',
  title: 'Movies View',
  linkUrl: 'mosaic',
  logo: 'AI-astral-movie.jpg',
  textColour: '#fff',
}
const NONE = [] as const

export const CAMERAS = {
  lsstcam: {
    name: 'lsstcam',
    title: 'LSSTCam',
    instrument: 'LSSTCam',
    nightReportLabel: NIGHT,
    imageViewerLink:
      'http://lsstcam-mcm.{siteLoc}.lsst.org/FITSInfo/view.html?image=MC_{controller:default=O}_{dayObs}_{seqNum}' +
      '&raft=all&color=grey&bias=Simple+Overscan+Correction&scale=Per-Segment&source=raw',
    timeSinceClockLabel: SINCE_IMAGE,
    mosaicView: [{ channel: 'day_movie', metaColumns: [] }],
    extraButtons: [MOVIES_VIEW],
  },
  lsstcam_aos: {
    name: 'lsstcam_aos',
    title: 'LSSTCamAOS',
    instrument: 'LSSTCam',
    nightReportLabel: NIGHT,
    timeSinceClockLabel: SINCE_REFOCUS,
    mosaicView: NONE,
    extraButtons: NONE,
  },
  lsstcam_guider: {
    name: 'lsstcam_guider',
    title: 'LSSTCam guider',
    instrument: 'LSSTCam',
    nightReportLabel: NIGHT,
    timeSinceClockLabel: SINCE_REFOCUS,
    mosaicView: NONE,
    extraButtons: NONE,
  },
  ra_performance: {
    name: 'ra_performance',
    title: 'Rapid Analysis Performance',
    instrument: 'LSSTCam',
    nightReportLabel: NIGHT,
    copyRowTemplate: DATA_ID_DETECTOR_0,
    mosaicView: NONE,
    extraButtons: NONE,
  },
  auxtel: {
    name: 'auxtel',
    title: 'AuxTel',
    instrument: 'LATISS',
    nightReportLabel: NIGHT,
    imageViewerLink: CCS_AUXTEL,
    copyRowTemplate: DATA_ID_DETECTOR_0,
    timeSinceClockLabel: SINCE_IMAGE,
    mosaicView: [
      { channel: 'monitor', metaColumns: ['Exposure time', 'Airmass', 'RA', 'Dec'] },
      { channel: 'imexam', metaColumns: ['Exposure time', 'PSF-FWHM'] },
      { channel: 'mount', metaColumns: ['Mount motion image degradation'] },
    ],
    extraButtons: NONE,
  },
  allsky: {
    name: 'allsky',
    title: 'All Sky',
    nightReportLabel: NIGHT,
    mosaicView: [
      { channel: 'stills', metaColumns: [] },
      { channel: 'movies', metaColumns: [] },
    ],
    extraButtons: NONE,
  },
  startracker_narrow: {
    name: 'startracker_narrow',
    title: 'StarTracker Narrow',
    nightReportLabel: NIGHT,
    mosaicView: NONE,
    extraButtons: NONE,
  },
  // The three star trackers share one metadata table, written under startracker_narrow.
  startracker_wide: {
    name: 'startracker_wide',
    title: 'StarTracker Wide',
    metadataFrom: 'startracker_narrow',
    nightReportLabel: NIGHT,
    mosaicView: NONE,
    extraButtons: NONE,
  },
  startracker_fast: {
    name: 'startracker_fast',
    title: 'StarTracker Fast',
    metadataFrom: 'startracker_narrow',
    nightReportLabel: NIGHT,
    mosaicView: NONE,
    extraButtons: NONE,
  },
  // TMA rows are mount events; their seq is the TMA event's seq, not an exposure's.
  tma: {
    name: 'tma',
    title: 'TMA',
    nightReportLabel: NIGHT,
    copyRowTemplate: DATA_ID,
    mosaicView: NONE,
    extraButtons: NONE,
  },
  dream: {
    name: 'dream',
    title: 'DREAM',
    nightReportLabel: NIGHT,
    timeSinceClockLabel: SINCE_IMAGE,
    mosaicView: NONE,
    extraButtons: NONE,
  },
  comcam: {
    name: 'comcam',
    title: 'ComCam',
    instrument: 'LSSTComCam',
    nightReportLabel: NIGHT,
    imageViewerLink: 'http://ccs.lsst.org/FITSInfo/view.html?image=CC_O_{dayObs}_{seqNum}',
    copyRowTemplate: DATA_ID,
    timeSinceClockLabel: SINCE_IMAGE,
    mosaicView: [
      { channel: 'day_movie', metaColumns: [] },
      { channel: 'last_n_movie', metaColumns: [] },
    ],
    extraButtons: [MOVIES_VIEW],
  },
  comcam_aos: {
    name: 'comcam_aos',
    title: 'ComCamAOS',
    instrument: 'LSSTComCam',
    nightReportLabel: NIGHT,
    timeSinceClockLabel: SINCE_REFOCUS,
    mosaicView: NONE,
    extraButtons: NONE,
  },
  comcam_sim: {
    name: 'comcam_sim',
    title: 'ComCamSim',
    instrument: 'LSSTComCamSim',
    nightReportLabel: NIGHT,
    copyRowTemplate: DATA_ID,
    mosaicView: NONE,
    extraButtons: NONE,
  },
  comcam_sim_aos: {
    name: 'comcam_sim_aos',
    title: 'ComCamSimAOS',
    instrument: 'LSSTComCamSim',
    nightReportLabel: NIGHT,
    mosaicView: NONE,
    extraButtons: NONE,
  },
  comcam_sim_prep: {
    name: 'comcam_sim_prep',
    title: 'ComCamSimPrep',
    nightReportLabel: NIGHT,
    copyRowTemplate: DATA_ID,
    mosaicView: NONE,
    extraButtons: NONE,
  },
  slac_lsstcam: {
    name: 'slac_lsstcam',
    title: 'LSSTCam',
    nightReportLabel: TRENDING,
    imageViewerLink: 'https://lsst-camera-dev.slac.stanford.edu/FITSInfo/view.html?image=MC_C_{dayObs}_{seqNum}',
    mosaicView: NONE,
    extraButtons: NONE,
  },
  slac_ts8: {
    name: 'slac_ts8',
    title: 'TS8',
    nightReportLabel: TRENDING,
    imageViewerLink: 'https://lsst-camera-dev.slac.stanford.edu/FITSInfo/view.html?image=TS_C_{dayObs}_{seqNum}',
    mosaicView: NONE,
    extraButtons: NONE,
  },
  fake_auxtel: {
    name: 'fake_auxtel',
    title: 'Fake Auxtel',
    nightReportLabel: NIGHT,
    imageViewerLink: CCS_AUXTEL,
    copyRowTemplate: DATA_ID,
    mosaicView: NONE,
    extraButtons: NONE,
  },
} as const satisfies { readonly [C in Camera]: CameraSpec<C> }

/** One camera's spec, widened to CameraSpec so optional fields can be read for any camera. */
export function cameraSpec(camera: Camera): CameraSpec {
  return CAMERAS[camera]
}

/** Which of an instrument's cameras: its active-optics or guider products rather than its images. */
export type CameraFlavour = 'aos' | 'guider'

/**
 * The camera each instrument's products are filed under (RA appends `_aos` and
 * `_guider` to the instrument's camera). ra_performance is LSSTCam's too, but
 * describes RA rather than an exposure, so it is no flavour.
 */
export const INSTRUMENT_CAMERAS = {
  LSSTCam: { default: 'lsstcam', aos: 'lsstcam_aos', guider: 'lsstcam_guider' },
  LATISS: { default: 'auxtel' },
  LSSTComCam: { default: 'comcam', aos: 'comcam_aos' },
  LSSTComCamSim: { default: 'comcam_sim', aos: 'comcam_sim_aos' },
} as const satisfies {
  readonly [I in Instrument]: { readonly default: Camera } & { readonly [F in CameraFlavour]?: Camera }
}

/** The camera for an instrument's products, or undefined when it has no such flavour (LATISS has no AOS camera). */
export function cameraForInstrument(instrument: Instrument, flavour?: CameraFlavour): Camera | undefined {
  const cameras: { readonly default: Camera } & { readonly [F in CameraFlavour]?: Camera } =
    INSTRUMENT_CAMERAS[instrument]
  return flavour === undefined ? cameras.default : cameras[flavour]
}
