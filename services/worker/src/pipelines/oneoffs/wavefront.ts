// ----------------------------------------------------------------------------
// The AOS stand-in's numbers, pure: each corner wavefront half-chip's donuts give
// its measured defocus; the contract's nominal offset (zMm: +1.5 intra, −1.5
// extra) turns that into a camera focus offset, and the offset into a Noll Z4
// defocus coefficient. Z5/Z6 are the donuts' mean ellipticity (astigmatism
// proxies, dimensionless, shown in the µm slot). NOT fitted Zernikes: the real
// TIE/Danish pipelines run in the external executor. No optical model here, so
// the prediction is 0 and residual = measured.
// ----------------------------------------------------------------------------
import type { Detector } from '@rubin/ra-contract'
import type { ZernikeMeasurement } from '@rubin/ra-products'
import type { DonutImageSummary } from '@rubin/ra-quicklook'

/** LSST effective f-number. */
export const F_NUMBER = 1.234

/** Intra-focal when the half-chip sits in front of focus (contract: zMm > 0). */
export const sideOf = (detector: Pick<Detector, 'zMm'>): 'intra' | 'extra' => (detector.zMm > 0 ? 'intra' : 'extra')

/**
 * Camera focus offset (mm) one half-chip implies: its measured |defocus| is the nominal
 * |zMm| plus the offset on the extra side, minus it on the intra side (so both agree, and
 * (extra − intra)/2 matches @rubin/ra-quicklook's analyzeCwfsPair z4).
 */
export function focusOffsetMm(detector: Pick<Detector, 'zMm'>, measuredDefocusMm: number): number {
  const nominal = Math.abs(detector.zMm)
  return sideOf(detector) === 'extra' ? measuredDefocusMm - nominal : nominal - measuredDefocusMm
}

/**
 * Noll Z4 (µm, RMS-normalised) of a focus shift Δz: the defocus wavefront W = Δz/(8N²)·ρ²
 * and Z4 = √3(2ρ² − 1), so a4 = Δz / (16·√3·N²).
 */
export function z4MicronsOf(offsetMm: number, fNumber = F_NUMBER): number {
  return (offsetMm * 1000) / (16 * Math.sqrt(3) * fNumber * fNumber)
}

/** The stand-in Zernike rows (Noll 4, 5, 6) of one half-chip; none without donuts. */
export function zernikeRows(detector: Pick<Detector, 'id' | 'zMm'>, summary: DonutImageSummary): ZernikeMeasurement[] {
  if (summary.nDonuts === 0 || !Number.isFinite(summary.defocusMm)) return []
  const z4 = z4MicronsOf(focusOffsetMm(detector, summary.defocusMm))
  return [
    { detector: detector.id, noll: 4, measuredUm: z4, predictedUm: 0 },
    { detector: detector.id, noll: 5, measuredUm: Number.isFinite(summary.e1) ? summary.e1 : 0, predictedUm: 0 },
    { detector: detector.id, noll: 6, measuredUm: Number.isFinite(summary.e2) ? summary.e2 : 0, predictedUm: 0 },
  ]
}

/** A square cutout of `image` centred on (x, y), clipped to the image (for the donut gallery). */
export function cutout(
  image: { readonly width: number; readonly height: number; readonly pixels: ArrayLike<number> },
  x: number,
  y: number,
  half: number,
): { width: number; height: number; pixels: Float32Array } {
  const x0 = Math.max(0, Math.floor(x - half))
  const y0 = Math.max(0, Math.floor(y - half))
  const x1 = Math.min(image.width, Math.ceil(x + half) + 1)
  const y1 = Math.min(image.height, Math.ceil(y + half) + 1)
  const width = Math.max(1, x1 - x0)
  const height = Math.max(1, y1 - y0)
  const pixels = new Float32Array(width * height)
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) pixels[j * width + i] = image.pixels[(y0 + j) * image.width + x0 + i] ?? 0
  }
  return { width, height, pixels }
}
