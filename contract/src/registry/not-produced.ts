// ----------------------------------------------------------------------------
// What RubinTV shows that this project's producers deliberately do not write,
// and why. Everything else in the registry is ours to produce: every channel of
// lsstcam, lsstcam_aos, lsstcam_guider, ra_performance, auxtel and allsky (and of
// the ComCam cameras, which run the same producers on LSSTComCam data). Only what
// has no data source in this project is listed, so a missing product anywhere
// else is a bug, not a gap.
// ----------------------------------------------------------------------------
import type { Camera } from '../identifiers/cameras.ts'
import type { ChannelName } from './channel-data.ts'

export interface NotProduced {
  readonly camera: Camera
  /** Absent: every channel and the metadata table of the camera. */
  readonly channel?: ChannelName
  readonly reason: string
}

const STAR_TRACKER =
  'Star-tracker frames (GenericCamera FITS files on the summit) are not a data source of this project.'

export const NOT_PRODUCED: readonly NotProduced[] = [
  { camera: 'startracker_narrow', reason: STAR_TRACKER },
  { camera: 'startracker_wide', reason: STAR_TRACKER },
  { camera: 'startracker_fast', reason: STAR_TRACKER },
  {
    camera: 'tma',
    reason: 'TMA slew/track events are built from EFD telemetry; this project has no TMA event source.',
  },
  {
    camera: 'dream',
    reason: 'DREAM products are made outside Rapid Analysis: rubintv_production does not know the camera.',
  },
  { camera: 'slac_lsstcam', reason: 'SLAC test-stand analyses (noise maps, CCOB) of data that stays at SLAC.' },
  { camera: 'slac_ts8', reason: 'SLAC TS8 test-stand analyses of data that stays at SLAC.' },
  { camera: 'comcam_sim_prep', reason: 'ComCamSim preparation runs: no such data for this project to process.' },
  {
    camera: 'fake_auxtel',
    reason: 'A stand-in AuxTel feed shown at the test stands; RA lists no producer of it (ra_framework.md §8.3).',
  },
]

/** Why the project does not produce this camera's (or this channel's) products, or undefined when it does. */
export function notProducedReason(camera: Camera, channel?: string): string | undefined {
  const hit = NOT_PRODUCED.find(
    (entry) => entry.camera === camera && (entry.channel === undefined || entry.channel === channel),
  )
  return hit?.reason
}

/** Whether this project's producers write the camera's products (or the one channel's). */
export function isProduced(camera: Camera, channel?: string): boolean {
  return notProducedReason(camera, channel) === undefined
}
