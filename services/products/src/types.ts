// Plain input types of the renderers. Structural on purpose: the quicklook library's outputs
// (and the contract's messages) fit them without conversion.
import type { PayloadTiming as ContractPayloadTiming } from '@rubin/ra-contract'

/** A (binned) detector image, row-major, row 0 = lowest pixel y (as FITS and the butler store it). */
export interface BinnedImage {
  readonly detector: number
  readonly width: number
  readonly height: number
  readonly pixels: Float32Array | Float64Array
  /** Binning factor relative to the native 10 µm pixels (default 1 for a full-resolution image). */
  readonly binning?: number
}

/** A plain 2-D image without a detector (cutouts, stamps, donuts). Row-major, row 0 = lowest y. */
export interface Image2D {
  readonly width: number
  readonly height: number
  readonly pixels: Float32Array | Float64Array
}

/** Per-detector quicklook summary (PSF, background, source count). */
export interface DetectorSummary {
  readonly detector: number
  /** PSF FWHM, arcsec. */
  readonly fwhm: number
  /** Ellipticity components (e1 = (Ixx − Iyy)/(Ixx + Iyy), e2 = 2Ixy/(Ixx + Iyy)). */
  readonly e1: number
  readonly e2: number
  readonly nStars: number
  /** Sky background, counts. */
  readonly sky: number
}

/**
 * One payload’s timing: the fields of the contract’s `PayloadTiming` (stream `payloadTimings`)
 * the timing diagram reads; a full contract record fits.
 */
export type PayloadTiming = Pick<
  ContractPayloadTiming,
  'workerId' | 'who' | 'outcome' | 'enqueuedAt' | 'startedAt' | 'finishedAt'
> &
  Partial<Pick<ContractPayloadTiming, 'detector' | 'pipeline' | 'payloadId'>>

/** One sample of (simulated) mount telemetry, angles in degrees. */
export interface MountSample {
  /** Seconds since the start of the exposure (may be negative before it). */
  readonly t: number
  readonly azimuthDeg: number
  readonly elevationDeg: number
  readonly rotatorDeg: number
  /** Demanded positions; the error is measured − demanded. */
  readonly azimuthDemandDeg: number
  readonly elevationDemandDeg: number
  readonly rotatorDemandDeg: number
  /** Optional motor torques, N·m. */
  readonly azimuthTorque?: number
  readonly elevationTorque?: number
}

/** One event of an exposure’s life (exposure record times, readout, processing steps). */
export interface TimelineEvent {
  readonly label: string
  /** ISO 8601 UTC (or anything Date.parse accepts). */
  readonly start: string
  /** Absent for an instant. */
  readonly end?: string
  /** Grouping row of the timeline (e.g. "camera", "mount", "RA"). */
  readonly lane: string
}

/** One measured star for image analysis. */
export interface StarMeasurement {
  readonly x: number
  readonly y: number
  readonly flux: number
  readonly fwhm: number
}

/** What imexam shows for one exposure: the brightest stars' cutouts and radial profiles. */
export interface ImexamInput {
  /** Cutouts centred on stars, brightest first. */
  readonly cutouts: readonly Image2D[]
  readonly stars: readonly StarMeasurement[]
  /** Radial profile of the brightest star: radius (pixels) and value (background-subtracted). */
  readonly radialProfile: readonly { readonly r: number; readonly value: number }[]
}

/** A guider stamp series sample (per guide star, per stamp). */
export interface GuiderSample {
  /** Seconds since the start of the exposure. */
  readonly t: number
  /** Guider detector number. */
  readonly detector: number
  /** Centroid offset from the first stamp, arcsec, in alt/az. */
  readonly dAltArcsec: number
  readonly dAzArcsec: number
  readonly flux: number
  /** Stamp FWHM, arcsec. */
  readonly fwhm: number
}

/** Zernike coefficients (Noll index → microns) measured on one wavefront-sensor detector. */
export interface ZernikeMeasurement {
  readonly detector: number
  /** Noll index j ≥ 4 (tip/tilt/piston are not fitted). */
  readonly noll: number
  readonly measuredUm: number
  /** The model (intrinsic + fitted state) prediction, microns; residual = measured − predicted. */
  readonly predictedUm: number
}

/** One donut stamp of the wavefront estimation. */
export interface DonutStamp extends Image2D {
  readonly detector: number
  /** Intra- or extra-focal. */
  readonly side: 'intra' | 'extra'
}

/** One exposure of a focus sweep. */
export interface FocusSweepPoint {
  /** Camera hexapod z offset, microns. */
  readonly focusZUm: number
  /** Measured FWHM, arcsec. */
  readonly fwhm: number
  readonly seq: number
}

/** A predicted-FWHM contribution (per Zernike or per degree of freedom). */
export interface FwhmContribution {
  readonly name: string
  /** Contribution to the FWHM, arcsec (in quadrature). */
  readonly fwhm: number
}

/** One sample of an extracted spectrum (LATISS specexam). */
export interface SpectrumSample {
  readonly wavelengthNm: number
  readonly flux: number
}
