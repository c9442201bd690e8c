// ComCam (LSSTComCam and LSSTComCamSim) detectors, written by hand: obs_lsst has no
// generated geometry file for ComCam in our reference data.
import { LSSTCAM_DETECTORS } from './data/lsstcam.data.ts'
import type { Detector } from './types.ts'

// ComCam is a single raft of nine ITL science CCDs mounted as raft R22. Detector ids
// follow the in-raft order every Rubin raft uses: id = 3 * row + col for sensor S{row}{col},
// i.e. S00=0, S01=1, S02=2, S10=3, ... S22=8. All nine are imaging sensors.
const SENSORS = ['S00', 'S01', 'S02', 'S10', 'S11', 'S12', 'S20', 'S21', 'S22'] as const

function r22Position(sensor: string): Pick<Detector, 'xMm' | 'yMm' | 'zMm' | 'yawDeg'> {
  // Focal-plane positions: we reuse LSSTCam's R22 positions for the same sensor names. ComCam
  // sits at the centre of its own focal plane exactly as R22 does in LSSTCam, which is close
  // enough for layout and plots; it is not survey-grade ComCam geometry.
  const twin = LSSTCAM_DETECTORS.find((d) => d.name === `R22_${sensor}`)
  if (twin === undefined) throw new Error(`comcam: LSSTCam data has no R22_${sensor}`)
  return { xMm: twin.xMm, yMm: twin.yMm, zMm: twin.zMm, yawDeg: twin.yawDeg }
}

export const COMCAM_DETECTORS: readonly Detector[] = SENSORS.map((sensor, id) => ({
  id,
  name: `R22_${sensor}`,
  raft: 'R22',
  sensor,
  physicalType: 'ITL',
  purpose: 'imaging',
  serial: null,
  ...r22Position(sensor),
}))
