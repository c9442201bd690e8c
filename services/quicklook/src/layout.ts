// The amplifier geometry the ISR needs: a structural subset of the contract's SensorLayout /
// AmplifierLayout (`sensorLayoutOf(detector)`), so algorithms and tests can pass hand-made layouts.

export interface Box {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export interface AmpGeometry {
  readonly name: string
  /** Raw FITS extension name, e.g. Segment10. */
  readonly extname?: string
  readonly rawBBox: Box
  readonly rawDataBBox: Box
  readonly rawSerialOverscanBBox: Box
  readonly rawFlipX: boolean
  readonly rawFlipY: boolean
  /** Where the flipped data section lands in the assembled detector. */
  readonly bbox: Box
  /** e-/ADU; null when unknown (ComCam) — the ISR then uses its `defaultGain`. */
  readonly gain: number | null
  /** ADU; null when unknown. */
  readonly saturation: number | null
}

export interface DetectorGeometry {
  readonly width: number
  readonly height: number
  /** In readout (HDU) order. */
  readonly amplifiers: readonly AmpGeometry[]
}

/** LSSTCam nominal pixel scale (20.006 arcsec/mm plate scale × 10 µm pixels). */
export const LSSTCAM_PIXEL_SCALE_ARCSEC = 0.2
