// Focal-plane geometry helpers: grid position of an LSSTCam science CCD and field angle.
import type { Detector } from './types.ts'

export interface CameraOptics {
  readonly plateScaleArcsecPerMm: number
  /** obs_lsst radial FocalPlane->FieldAngle polynomial: angle = plateScale * sum(c[i] * r^i), r in mm. */
  readonly fieldAngleRadialCoeffs: readonly number[]
}

/**
 * Column and row of a science CCD on the 15x15 LSSTCam sensor grid, 1-based: raft R{row}{col}
 * holds sensors S{row}{col}, so grid index = raft * 3 + sensor + 1 in each axis (as RA computes it).
 */
export function gridPosition(detector: Pick<Detector, 'raft' | 'sensor'>): {
  readonly col: number
  readonly row: number
} {
  const digit = (text: string, at: number) => Number(text.charAt(at))
  return {
    col: digit(detector.raft, 2) * 3 + digit(detector.sensor, 2) + 1,
    row: digit(detector.raft, 1) * 3 + digit(detector.sensor, 1) + 1,
  }
}

/** Raft column and row (0..4) from `R{row}{col}`. */
export function raftPosition(detector: Pick<Detector, 'raft'>): { readonly col: number; readonly row: number } {
  return { col: Number(detector.raft.charAt(2)), row: Number(detector.raft.charAt(1)) }
}

/** Field angle of the detector centre from the optical axis, degrees. */
export function fieldAngleDeg(detector: Pick<Detector, 'xMm' | 'yMm'>, optics: CameraOptics): number {
  const r = Math.hypot(detector.xMm, detector.yMm)
  const mm = optics.fieldAngleRadialCoeffs.reduce((sum, c, i) => sum + c * r ** i, 0)
  return (mm * optics.plateScaleArcsecPerMm) / 3600
}
