// Amplifier layout of a detector: where each amplifier's raw pixels go in the assembled CCD,
// its prescan/overscan regions and, where obs_lsst gives them, its gain and read noise.
import {
  AMPLIFIER_LAYOUTS,
  LATISS_AMPLIFIER_ELECTRONICS,
  LSSTCAM_AMPLIFIER_ELECTRONICS,
} from './data/amplifiers.data.ts'
import { LATISS_DETECTORS } from './data/latiss.data.ts'
import { LSSTCAM_DETECTORS } from './data/lsstcam.data.ts'
import type { Detector, PhysicalType } from './types.ts'

/** A 0-based pixel box: columns x..x+width-1, rows y..y+height-1. */
export interface PixelBox {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export interface AmplifierLayout {
  /** obs_lsst amplifier name, C10..C17 then C07..C00. */
  readonly name: string
  /** The raw FITS extension name (`Segment10` for C10), as the camera writes it. */
  readonly extname: string
  /** 0-based position in readout order; the raw file's extension number is index + 1. */
  readonly index: number
  /** Column and row of the amplifier in the assembled detector. */
  readonly ix: number
  readonly iy: number
  /** Flip the raw data section in x / y to put it in assembled orientation. */
  readonly rawFlipX: boolean
  readonly rawFlipY: boolean
  /** The whole raw amplifier image (readout order), e.g. 576x2048. */
  readonly rawBBox: PixelBox
  /** The photosensitive pixels inside rawBBox. */
  readonly rawDataBBox: PixelBox
  readonly rawSerialPrescanBBox: PixelBox
  readonly rawSerialOverscanBBox: PixelBox
  /** Empty (width 0) for every Rubin sensor. */
  readonly rawParallelPrescanBBox: PixelBox
  readonly rawParallelOverscanBBox: PixelBox
  /** Where the (flipped) data section lands in the assembled detector. */
  readonly bbox: PixelBox
  /** e-/ADU from the camera geometry; null where no file gives one (ComCam). */
  readonly gain: number | null
  /** Electrons; null where no file gives one. */
  readonly readNoise: number | null
  /** ADU; null where no file gives one. */
  readonly saturation: number | null
}

export interface SensorLayout {
  readonly physicalType: PhysicalType
  /** Assembled (trimmed) detector size, pixels: E2V 4096x4004, ITL 4072x4000, ITL_WF 4072x2000. */
  readonly width: number
  readonly height: number
  /** In readout order (16, or 8 for the wavefront half-chips). */
  readonly amplifiers: readonly AmplifierLayout[]
}

interface Electronics {
  readonly gain: readonly number[]
  readonly readNoise: readonly number[]
  readonly saturation: readonly number[]
}

const LSSTCAM_ELECTRONICS: Readonly<Record<string, Electronics>> = LSSTCAM_AMPLIFIER_ELECTRONICS
const LATISS_ELECTRONICS: Readonly<Record<string, Electronics>> = LATISS_AMPLIFIER_ELECTRONICS

/**
 * Per-amplifier values for a detector whose name and serial match a geometry file. Matching the
 * serial keeps ComCam's R22 (ITL, no serial) from picking up LSSTCam's R22 (E2V) values.
 */
function electronicsOf(detector: Detector): Electronics | undefined {
  const sources = [
    [LSSTCAM_DETECTORS, LSSTCAM_ELECTRONICS],
    [LATISS_DETECTORS, LATISS_ELECTRONICS],
  ] as const
  for (const [detectors, electronics] of sources) {
    const twin = detectors.find((d) => d.name === detector.name)
    if (twin !== undefined && twin.serial === detector.serial && twin.physicalType === detector.physicalType) {
      return electronics[detector.name]
    }
  }
  return undefined
}

const cache = new Map<Detector, SensorLayout>()

/** The amplifier layout of a detector (LSSTCam, LATISS or ComCam), with its per-amp electronics where known. */
export function sensorLayoutOf(detector: Detector): SensorLayout {
  const cached = cache.get(detector)
  if (cached !== undefined) return cached
  const type = AMPLIFIER_LAYOUTS[detector.physicalType]
  const electronics = electronicsOf(detector)
  const layout: SensorLayout = Object.freeze({
    physicalType: detector.physicalType,
    width: type.width,
    height: type.height,
    amplifiers: Object.freeze(
      type.amplifiers.map((amp, index) =>
        Object.freeze({
          ...amp,
          extname: `Segment${amp.name.slice(1)}`,
          index,
          gain: electronics?.gain[index] ?? null,
          readNoise: electronics?.readNoise[index] ?? null,
          saturation: electronics?.saturation[index] ?? null,
        }),
      ),
    ),
  })
  cache.set(detector, layout)
  return layout
}

/** Assembled-detector pixel of a raw data-section pixel (both 0-based; raw in readout order). */
export function rawToAssembled(
  amp: Pick<AmplifierLayout, 'rawDataBBox' | 'bbox' | 'rawFlipX' | 'rawFlipY'>,
  rawX: number,
  rawY: number,
): { readonly x: number; readonly y: number } {
  const dx = rawX - amp.rawDataBBox.x
  const dy = rawY - amp.rawDataBBox.y
  return {
    x: amp.bbox.x + (amp.rawFlipX ? amp.bbox.width - 1 - dx : dx),
    y: amp.bbox.y + (amp.rawFlipY ? amp.bbox.height - 1 - dy : dy),
  }
}

/**
 * A box as a FITS section string, 1-based inclusive: `[x1:x2,y1:y2]`. With flips the range is
 * written high-to-low, as the camera's DETSEC does for amplifiers read out right-to-left.
 */
export function fitsSection(box: PixelBox, flipX = false, flipY = false): string {
  const range = (start: number, size: number, flip: boolean) =>
    flip ? `${start + size}:${start + 1}` : `${start + 1}:${start + size}`
  return `[${range(box.x, box.width, flipX)},${range(box.y, box.height, flipY)}]`
}
