// Where each detector lands on a focal-plane canvas: the contract's detector centres (mm),
// yaw and sensor size (its amplifier geometry), 10 µm pixels. Pure arithmetic, no pixels.
import { type Detector, detectorsOf, type Instrument, sensorLayoutOf } from '@rubin/ra-contract'
import { ProductError } from '../errors.ts'

/** Native pixel size, mm (obs_lsst pixelSize for every LSSTCam, ComCam and LATISS sensor). */
export const PIXEL_SIZE_MM = 0.01

/** Native size (columns × rows) of a detector: its assembled amplifier geometry in the contract. */
export function nativeSize(d: Detector): { readonly width: number; readonly height: number } {
  return sensorLayoutOf(d)
}

/** A detector's footprint on the canvas, in canvas pixels (x right, y down). */
export interface Placement {
  readonly detector: Detector
  /** Quarter turns of the yaw, 0..3 (counter-clockwise in the focal plane). */
  readonly quarterTurns: 0 | 1 | 2 | 3
  /** Centre on the canvas, pixels (fractional). */
  readonly cx: number
  readonly cy: number
  /** Integer footprint rectangle [x0, x1) × [y0, y1), clipped to the canvas. */
  readonly x0: number
  readonly x1: number
  readonly y0: number
  readonly y1: number
}

export interface CanvasLayout {
  readonly width: number
  readonly height: number
  /** Focal-plane mm per canvas pixel. */
  readonly scaleMm: number
  /** Focal-plane mm of canvas pixel (0, 0)'s outer corner. */
  readonly xMinMm: number
  readonly yMaxMm: number
  readonly placements: ReadonlyMap<number, Placement>
}

export function quarterTurns(yawDeg: number): 0 | 1 | 2 | 3 {
  const turns = yawDeg / 90
  if (!Number.isInteger(turns)) {
    throw new ProductError('RA_PRODUCTS_BAD_INPUT', `detector yaw ${yawDeg}° is not a multiple of 90°`)
  }
  return (((turns % 4) + 4) % 4) as 0 | 1 | 2 | 3
}

/** Footprint half-sizes in focal-plane mm after the yaw. */
function halfExtentMm(d: Detector): { hx: number; hy: number } {
  const size = nativeSize(d)
  const hw = (size.width * PIXEL_SIZE_MM) / 2
  const hh = (size.height * PIXEL_SIZE_MM) / 2
  return quarterTurns(d.yawDeg) % 2 === 0 ? { hx: hw, hy: hh } : { hx: hh, hy: hw }
}

/** Canvas pixel (fractional) of a focal-plane position. */
export function toCanvas(layout: CanvasLayout, xMm: number, yMm: number): { x: number; y: number } {
  return { x: (xMm - layout.xMinMm) / layout.scaleMm, y: (layout.yMaxMm - yMm) / layout.scaleMm }
}

/**
 * Lay out detectors (by id) on a canvas at `scaleMm` mm per pixel, with `marginPx` around the
 * outermost footprints. Focal-plane +y is up on the canvas.
 */
export function layoutDetectors(
  instrument: Instrument,
  ids: readonly number[],
  scaleMm: number,
  marginPx = 8,
): CanvasLayout {
  const all = detectorsOf(instrument)
  const detectors = ids.map((id) => {
    const d = all.find((candidate) => candidate.id === id)
    if (d === undefined) {
      throw new ProductError(
        'RA_PRODUCTS_UNKNOWN_DETECTOR',
        `${instrument} has no detector ${id}; its detectors are 0..${all.length - 1}`,
      )
    }
    return d
  })
  if (detectors.length === 0) throw new ProductError('RA_PRODUCTS_BAD_INPUT', 'no detectors to lay out')
  let xMin = Infinity
  let xMax = -Infinity
  let yMin = Infinity
  let yMax = -Infinity
  for (const d of detectors) {
    const { hx, hy } = halfExtentMm(d)
    xMin = Math.min(xMin, d.xMm - hx)
    xMax = Math.max(xMax, d.xMm + hx)
    yMin = Math.min(yMin, d.yMm - hy)
    yMax = Math.max(yMax, d.yMm + hy)
  }
  const margin = marginPx * scaleMm
  const xMinMm = xMin - margin
  const yMaxMm = yMax + margin
  const width = Math.ceil((xMax + margin - xMinMm) / scaleMm)
  const height = Math.ceil((yMaxMm - (yMin - margin)) / scaleMm)
  const placements = new Map<number, Placement>()
  for (const d of detectors) {
    const { hx, hy } = halfExtentMm(d)
    const cx = (d.xMm - xMinMm) / scaleMm
    const cy = (yMaxMm - d.yMm) / scaleMm
    placements.set(d.id, {
      detector: d,
      quarterTurns: quarterTurns(d.yawDeg),
      cx,
      cy,
      x0: Math.max(0, Math.round(cx - hx / scaleMm)),
      x1: Math.min(width, Math.round(cx + hx / scaleMm)),
      y0: Math.max(0, Math.round(cy - hy / scaleMm)),
      y1: Math.min(height, Math.round(cy + hy / scaleMm)),
    })
  }
  return { width, height, scaleMm, xMinMm, yMaxMm, placements }
}
