// Star selection and PSF measurement: footprints → isolated, unsaturated, non-edge point
// sources with adaptive moments; cosmic rays (sharper than any PSF) and blends are rejected.
import type { Background } from './background.ts'
import type { Footprint } from './detect.ts'
import type { Image } from './image.ts'
import { adaptiveMoments, ellipticity, fwhmPixels, type MomentsFailure } from './moments.ts'
import { median, medianInPlace } from './stats.ts'

export interface Star {
  readonly x: number
  readonly y: number
  /** Electrons (Gaussian-equivalent). */
  readonly flux: number
  readonly peak: number
  readonly snr: number
  readonly ixx: number
  readonly iyy: number
  readonly ixy: number
  /** Arcseconds. */
  readonly fwhm: number
  readonly e1: number
  readonly e2: number
}

export const RejectReason = [
  'edge',
  'saturated',
  'cosmicRay',
  'crowded',
  'faint',
  'blend',
  'sizeOutlier',
  'nonPositiveFlux',
  'diverged',
  'notConverged',
  'offImage',
] as const satisfies readonly (string | MomentsFailure)[]
export type RejectReason = (typeof RejectReason)[number]

export interface PsfOptions {
  readonly pixelScaleArcsec: number
  /** Electrons; footprints whose highest pixel reaches 98 % of it are saturated. */
  readonly saturationElectrons?: number
  /** Minimum signal-to-noise for a PSF star (default 30). */
  readonly minSnr?: number
  /** Footprints reaching closer than this to the image edge, in pixels (default 3); stars whose 4σ stamp leaves the image are rejected too. */
  readonly edge?: number
  /** Another footprint peak within this distance makes both unusable (default 20 px). */
  readonly isolation?: number
  /** Measure at most this many of the brightest candidates (default 400). */
  readonly maxStars?: number
  /**
   * Cosmic-ray test: the faintest of the 4 neighbours / peak below this is too sharp for a PSF
   * (default 0.2; a Gaussian of σ ≥ 0.85 px, FWHM ≥ 0.4″, stays above it wherever its centre
   * falls in the peak pixel; a track has dark neighbours across it).
   */
  readonly sharpness?: number
}

export interface PsfResult {
  readonly stars: readonly Star[]
  readonly rejected: Readonly<Record<RejectReason, number>>
}

export function measureStars(
  image: Image,
  background: Background,
  footprints: readonly Footprint[],
  options: PsfOptions,
): PsfResult {
  const rejected = Object.fromEntries(RejectReason.map((r) => [r, 0])) as Record<RejectReason, number>
  const { width, height, pixels } = image
  const edge = options.edge ?? 3
  const iso2 = (options.isolation ?? 20) ** 2
  const sat = 0.98 * (options.saturationElectrons ?? Number.POSITIVE_INFINITY)
  const sharp = options.sharpness ?? 0.2
  const noise = background.skyNoise
  const minSnr = options.minSnr ?? 30

  // Crowding: sort peaks by y, compare within the isolation window.
  const order = footprints
    .map((_, i) => i)
    .sort((a, b) => (footprints[a] as Footprint).peakY - (footprints[b] as Footprint).peakY)
  const crowded = new Uint8Array(footprints.length)
  for (let a = 0; a < order.length; a++) {
    const fa = footprints[order[a] as number] as Footprint
    for (let b = a + 1; b < order.length; b++) {
      const fb = footprints[order[b] as number] as Footprint
      const dy = fb.peakY - fa.peakY
      if (dy * dy > iso2) break
      const dx = fb.peakX - fa.peakX
      if (dx * dx + dy * dy <= iso2) {
        crowded[order[a] as number] = 1
        crowded[order[b] as number] = 1
      }
    }
  }

  const candidates: Footprint[] = []
  footprints.forEach((f, i) => {
    if (f.x0 < edge || f.y0 < edge || f.x1 >= width - edge || f.y1 >= height - edge) rejected.edge++
    else if (f.maxValue >= sat) rejected.saturated++
    else if (faintestNeighbour(pixels, width, f) < sharp * f.peak) rejected.cosmicRay++
    else if (crowded[i] === 1) rejected.crowded++
    else candidates.push(f)
  })
  candidates.sort((a, b) => b.flux - a.flux)
  const maxStars = options.maxStars ?? 400

  const measured: Star[] = []
  for (const f of candidates) {
    if (measured.length >= maxStars) break
    // Starting size from the footprint area above threshold (σ² ≈ area / (2π ln(peak/cut))).
    const cut = Math.max(1e-9, 5 * noise)
    const sigma0 = Math.min(8, Math.max(1, Math.sqrt(f.npix / (2 * Math.PI * Math.max(0.5, Math.log(f.peak / cut))))))
    const m = adaptiveMoments(image, f.peakX, f.peakY, f.background, sigma0)
    if (typeof m === 'string') {
      rejected[m]++
      continue
    }
    const reach = 4 * Math.sqrt(Math.max(m.ixx, m.iyy))
    if (m.x < reach || m.y < reach || m.x > width - 1 - reach || m.y > height - 1 - reach) {
      rejected.edge++
      continue
    }
    const area = 4 * Math.PI * Math.sqrt(m.ixx * m.iyy - m.ixy * m.ixy)
    const snr = m.flux / (noise * Math.sqrt(area))
    if (!(snr >= minSnr)) {
      rejected.faint++
      continue
    }
    // An isolated Gaussian's footprint covers 2πσ²·ln(peak/cut); much more means a blend or a trail.
    const expected = area * 0.5 * Math.max(0.5, Math.log(f.peak / cut))
    if (f.npix > 1.4 * expected + 10) {
      rejected.blend++
      continue
    }
    const { e1, e2 } = ellipticity(m)
    measured.push({
      x: m.x,
      y: m.y,
      flux: m.flux,
      peak: f.peak,
      snr,
      ixx: m.ixx,
      iyy: m.iyy,
      ixy: m.ixy,
      fwhm: fwhmPixels(m) * options.pixelScaleArcsec,
      e1,
      e2,
    })
  }

  // Size clip: cosmic rays that slipped through are small, galaxies and blends large.
  if (measured.length >= 5) {
    const t = Float64Array.from(measured, (s) => s.ixx + s.iyy)
    const med = medianInPlace(Float64Array.from(t))
    const mad = median(Float64Array.from(t, (v) => Math.abs(v - med))) * 1.4826
    const tolerance = Math.max(4 * mad, 0.05 * med)
    const kept = measured.filter((s) => Math.abs(s.ixx + s.iyy - med) <= tolerance)
    rejected.sizeOutlier += measured.length - kept.length
    return { stars: kept, rejected }
  }
  return { stars: measured, rejected }
}

function faintestNeighbour(pixels: Image['pixels'], width: number, f: Footprint): number {
  const i = f.peakY * width + f.peakX
  const m = Math.min(
    pixels[i - 1] as number,
    pixels[i + 1] as number,
    pixels[i - width] as number,
    pixels[i + width] as number,
  )
  return m - f.background
}

export interface PsfSummary {
  readonly nStars: number
  /** Medians over stars; NaN when there are none. */
  readonly fwhm: number
  readonly e1: number
  readonly e2: number
  readonly ixx: number
  readonly iyy: number
  readonly ixy: number
}

export function summarizePsf(stars: readonly Star[]): PsfSummary {
  const med = (f: (s: Star) => number) => (stars.length === 0 ? Number.NaN : median(stars.map(f)))
  return {
    nStars: stars.length,
    fwhm: med((s) => s.fwhm),
    e1: med((s) => s.e1),
    e2: med((s) => s.e2),
    ixx: med((s) => s.ixx),
    iyy: med((s) => s.iyy),
    ixy: med((s) => s.ixy),
  }
}
