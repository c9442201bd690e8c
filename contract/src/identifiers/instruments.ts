// Instruments as the butler names them (the `instrument` dimension).
import { defineIdentifiers } from '../internal/identifier-set.ts'

export const Instrument = defineIdentifiers({
  name: 'Instrument',
  description: 'A camera as the data butler names it (the `instrument` dimension of a data id).',
  values: ['LSSTCam', 'LATISS', 'LSSTComCam', 'LSSTComCamSim'],
  docs: {
    LSSTCam: 'The Rubin Observatory LSST Camera: 205 detectors (189 imaging, 8 guider, 8 wavefront).',
    LATISS: 'The Auxiliary Telescope imager and spectrograph: one ITL CCD.',
    LSSTComCam: 'The commissioning camera: one raft of 9 ITL CCDs.',
    LSSTComCamSim: 'Simulated ComCam data produced by the OCS test stands.',
  },
  // Butler names are case-sensitive; accept case variants on input only.
  aliases: {},
})
export type Instrument = (typeof Instrument.values)[number]

/** The two-letter code in obs ids and raw file names (`MC_O_20250415_000060`). */
export const INSTRUMENT_CODE = {
  LSSTCam: 'MC',
  LATISS: 'AT',
  LSSTComCam: 'CC',
  LSSTComCamSim: 'CC',
} as const satisfies Record<Instrument, string>

/** Number of detectors (ids 0..n-1). */
export const INSTRUMENT_DETECTOR_COUNT = {
  LSSTCam: 205,
  LATISS: 1,
  LSSTComCam: 9,
  LSSTComCamSim: 9,
} as const satisfies Record<Instrument, number>

/** Controller codes in obs ids, in the order of their index (exposure ids and ccdexposure ids use it). */
export const Controller = defineIdentifiers({
  name: 'Controller',
  description: 'The controller code of an exposure (obs id second field): O=OCS, C=CCS, H, P, Q, S.',
  values: ['O', 'C', 'H', 'P', 'Q', 'S'],
  docs: {
    O: 'OCS: normal observatory-controlled exposures.',
    C: 'CCS: camera control system (engineering).',
    H: 'Header service test data.',
    P: 'Prompt Processing simulations.',
    Q: 'Quick-look simulations.',
    S: 'OCS-driven simulation (ComCamSim).',
  },
  loose: false,
})
export type Controller = (typeof Controller.values)[number]
