// What a detector is: its physical type, what it is for, and where it sits.
import { defineIdentifiers } from '../internal/identifier-set.ts'

export const PhysicalType = defineIdentifiers({
  name: 'PhysicalType',
  description: 'The sensor technology of a detector, as obs_lsst camera geometry names it.',
  values: ['E2V', 'ITL', 'ITL_G', 'ITL_WF'],
  docs: {
    E2V: 'Teledyne e2v CCD250 science sensor.',
    ITL: 'STA/ITL 3800C science sensor (also the LATISS and ComCam sensors).',
    ITL_G: 'ITL sensor used as a guider in a corner raft.',
    ITL_WF: 'ITL half-chip used as a corner wavefront sensor.',
  },
  loose: false,
})
export type PhysicalType = (typeof PhysicalType.values)[number]

export const DetectorPurpose = defineIdentifiers({
  name: 'DetectorPurpose',
  description: 'What a detector is read for (obs_lsst detectorType 0, 2 and 3).',
  values: ['imaging', 'guider', 'wavefront'],
  docs: {
    imaging: 'Science imaging (detectorType 0): processed by the SFM workers.',
    guider: 'Guider (detectorType 2): read as stamps by the guider analysis.',
    wavefront: 'Corner wavefront sensor (detectorType 3): processed by the AOS workers.',
  },
  loose: false,
})
export type DetectorPurpose = (typeof DetectorPurpose.values)[number]

export interface Detector {
  /** The butler `detector` dimension value. */
  readonly id: number
  /** `{raft}_{sensor}`, e.g. R22_S11 (LATISS: RXX_S00). */
  readonly name: string
  readonly raft: string
  readonly sensor: string
  readonly physicalType: PhysicalType
  readonly purpose: DetectorPurpose
  /** Manufacturer serial; null where no geometry file gives one (ComCam). */
  readonly serial: string | null
  /** Detector centre in focal-plane coordinates, mm. */
  readonly xMm: number
  readonly yMm: number
  /** Offset along the optical axis, mm: +1.5 intra-focal and -1.5 extra-focal wavefront half-chips, else 0. */
  readonly zMm: number
  /** Rotation in the focal plane, degrees, as obs_lsst gives it (not reduced to [0, 360)). */
  readonly yawDeg: number
}
