// AOS stand-in on a corner wavefront pair. NOT a wavefront solution: the real donut pipelines
// (TIE / Danish, run by the external executor) fit Zernikes. This measures what a quicklook can:
// each donut's outer and inner radius (50 % points of the azimuthal profile), hence the
// geometric defocus d = 2·N·R·pixel (f-number N), the focus offset from the intra/extra
// asymmetry, and donut ellipticity as an astigmatism proxy.
import { measureBackground } from './background.ts'
import { binImage } from './bin.ts'
import { detectFootprints } from './detect.ts'
import { QuicklookError } from './errors.ts'
import { checkImage, type Image } from './image.ts'
import { median } from './stats.ts'

export interface AosOptions {
  /** Telescope f-number (LSST effective f/1.234). */
  readonly fNumber?: number
  /** Pixel size of the image measured, mm (LSSTCam 0.010; times binning for binned images). */
  readonly pixelSizeMm?: number
  /** Detection binning factor (default 4: donuts are faint per pixel but large). */
  readonly detectBin?: number
}

export interface Donut {
  /** Centre, assembled pixels. */
  readonly x: number
  readonly y: number
  readonly outerRadius: number
  readonly innerRadius: number
  /** Background-subtracted electrons inside the outer radius (+ margin). */
  readonly flux: number
  /** Unweighted second-moment ellipticity of the donut light. */
  readonly e1: number
  readonly e2: number
}

export interface DonutImageSummary {
  readonly nDonuts: number
  /** Medians over donuts, pixels (NaN without donuts). */
  readonly outerRadius: number
  readonly innerRadius: number
  /** inner / outer (the central obscuration the donuts show). */
  readonly obscuration: number
  /** |defocus| in mm from the outer radius. */
  readonly defocusMm: number
  readonly e1: number
  readonly e2: number
  readonly donuts: readonly Donut[]
}

export interface AosPairSummary {
  readonly intra: DonutImageSummary
  readonly extra: DonutImageSummary
  /**
   * Zernike-like summary (stand-in, not fitted Zernikes): z4 = focus offset in mm, (extra − intra)/2
   * of the measured defocus (0 when the camera is in focus; positive: extra-focal donuts larger);
   * z5/z6 = mean donut e1/e2 over both images (astigmatism proxies, dimensionless).
   */
  readonly zernikeLike: { readonly z4FocusOffsetMm: number; readonly z5: number; readonly z6: number }
  /** Mean |defocus| of the pair, mm (the sensors' nominal ±1.5 mm when in focus). */
  readonly meanDefocusMm: number
  readonly standIn: true
}

const LSST_F_NUMBER = 1.234
const LSSTCAM_PIXEL_MM = 0.01

/** Find and measure the donuts in one post-ISR wavefront image (electrons). */
export function measureDonuts(image: Image, options: AosOptions = {}): DonutImageSummary {
  checkImage(image, 'wavefront image')
  const f = options.detectBin ?? 4
  const binned = horizontalMedian3(binImage(image, f))
  const bgBinned = measureBackground(binned, { cellSize: 64, stride: 1 })
  const footprints = detectFootprints(binned, bgBinned, { nSigma: 5, minPixels: 30 })
  const background = measureBackground(image)
  const donuts: Donut[] = []
  for (const fp of footprints) {
    // Donuts are round; a long thin footprint is a trail or a column.
    const w = fp.x1 - fp.x0 + 1
    const h = fp.y1 - fp.y0 + 1
    if (w > 1.5 * h || h > 1.5 * w) continue
    const halfSize = (Math.max(fp.x1 - fp.x0, fp.y1 - fp.y0) / 2 + 2) * f
    const cx0 = ((fp.x0 + fp.x1) / 2 + 0.5) * f - 0.5
    const cy0 = ((fp.y0 + fp.y1) / 2 + 0.5) * f - 0.5
    // Skip donuts cut by the edge: their profile and centroid are biased.
    if (
      cx0 - halfSize < 0 ||
      cy0 - halfSize < 0 ||
      cx0 + halfSize > image.width - 1 ||
      cy0 + halfSize > image.height - 1
    )
      continue
    const d = measureDonut(image, background.at(cx0, cy0), cx0, cy0, halfSize)
    if (d !== undefined) donuts.push(d)
  }
  const pixelMm = options.pixelSizeMm ?? LSSTCAM_PIXEL_MM
  const fNumber = options.fNumber ?? LSST_F_NUMBER
  const med = (g: (d: Donut) => number) => (donuts.length === 0 ? Number.NaN : median(donuts.map(g)))
  const outer = med((d) => d.outerRadius)
  return {
    nDonuts: donuts.length,
    outerRadius: outer,
    innerRadius: med((d) => d.innerRadius),
    obscuration: med((d) => d.innerRadius / d.outerRadius),
    defocusMm: 2 * fNumber * outer * pixelMm,
    e1: med((d) => d.e1),
    e2: med((d) => d.e2),
    donuts,
  }
}

/**
 * Median of each pixel with its left and right neighbours: removes one-pixel-wide columns (hot
 * columns, most cosmic rays) and leaves a donut tens of pixels across unchanged.
 */
function med3(pixels: Image['pixels'], i: number, x: number, width: number): number {
  const b = pixels[i] as number
  if (x === 0 || x === width - 1) return b
  const a = pixels[i - 1] as number
  const c = pixels[i + 1] as number
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c))
}

function horizontalMedian3<T extends { width: number; height: number; pixels: Float32Array }>(image: T): T {
  const out = new Float32Array(image.pixels.length)
  for (let y = 0; y < image.height; y++) {
    const row = y * image.width
    for (let x = 0; x < image.width; x++) out[row + x] = med3(image.pixels, row + x, x, image.width)
  }
  return { ...image, pixels: out }
}

function measureDonut(image: Image, bg: number, x0: number, y0: number, rMax: number): Donut | undefined {
  const { width, pixels } = image
  // Centre: the light-weighted centroid of a symmetric annulus is its centre; two passes re-centre the box.
  let cx = x0
  let cy = y0
  let flux = 0
  let sxx = 0
  let syy = 0
  let sxy = 0
  for (let pass = 0; pass < 3; pass++) {
    let s = 0
    let sx = 0
    let sy = 0
    sxx = 0
    syy = 0
    sxy = 0
    for (let y = Math.max(0, Math.floor(cy - rMax)); y <= Math.min(image.height - 1, Math.ceil(cy + rMax)); y++) {
      for (let x = Math.max(0, Math.floor(cx - rMax)); x <= Math.min(width - 1, Math.ceil(cx + rMax)); x++) {
        const dx = x - cx
        const dy = y - cy
        if (dx * dx + dy * dy > rMax * rMax) continue
        const v = med3(pixels, y * width + x, x, width) - bg
        s += v
        sx += v * dx
        sy += v * dy
        sxx += v * dx * dx
        syy += v * dy * dy
        sxy += v * dx * dy
      }
    }
    if (!(s > 0)) return undefined
    flux = s
    cx += sx / s
    cy += sy / s
    sxx /= s
    syy /= s
    sxy /= s
  }
  // Azimuthal profile in 1-px rings.
  const nr = Math.ceil(rMax) + 1
  const sum = new Float64Array(nr)
  const count = new Uint32Array(nr)
  for (let y = Math.max(0, Math.floor(cy - rMax)); y <= Math.min(image.height - 1, Math.ceil(cy + rMax)); y++) {
    for (let x = Math.max(0, Math.floor(cx - rMax)); x <= Math.min(width - 1, Math.ceil(cx + rMax)); x++) {
      const r = Math.hypot(x - cx, y - cy)
      const k = Math.floor(r + 0.5)
      if (k >= nr) continue
      sum[k] = (sum[k] as number) + med3(pixels, y * width + x, x, width) - bg
      count[k] = (count[k] as number) + 1
    }
  }
  const profile = Array.from(sum, (s, k) => ((count[k] as number) > 0 ? s / (count[k] as number) : 0))
  // Plateau: the median of the brightest third of the rings (the lit annulus).
  const sorted = [...profile].sort((a, b) => b - a)
  const plateau = median(sorted.slice(0, Math.max(1, Math.floor(nr / 3))))
  if (!(plateau > 0)) return undefined
  const half = plateau / 2
  let outer = Number.NaN
  for (let k = nr - 1; k > 0; k--) {
    if ((profile[k - 1] as number) >= half && (profile[k] as number) < half) {
      outer = k - 1 + ((profile[k - 1] as number) - half) / ((profile[k - 1] as number) - (profile[k] as number))
      break
    }
  }
  let inner = 0
  for (let k = 0; k < nr - 1; k++) {
    if ((profile[k] as number) >= half) break
    if ((profile[k + 1] as number) >= half) {
      inner = k + (half - (profile[k] as number)) / ((profile[k + 1] as number) - (profile[k] as number))
      break
    }
  }
  if (!Number.isFinite(outer) || outer <= inner) return undefined
  const t = sxx + syy
  return { x: cx, y: cy, outerRadius: outer, innerRadius: inner, flux, e1: (sxx - syy) / t, e2: (2 * sxy) / t }
}

/** The AOS stand-in on an intra/extra-focal pair of post-ISR images. */
export function analyzeCwfsPair(intra: Image, extra: Image, options: AosOptions = {}): AosPairSummary {
  const i = measureDonuts(intra, options)
  const e = measureDonuts(extra, options)
  if (i.nDonuts === 0 && e.nDonuts === 0) {
    throw new QuicklookError('RA_QUICKLOOK_NO_INPUT', 'no donuts found on either wavefront image of the pair')
  }
  const mean = (a: number, b: number) => (Number.isNaN(a) ? b : Number.isNaN(b) ? a : (a + b) / 2)
  return {
    intra: i,
    extra: e,
    zernikeLike: {
      z4FocusOffsetMm: (e.defocusMm - i.defocusMm) / 2,
      z5: mean(i.e1, e.e1),
      z6: mean(i.e2, e.e2),
    },
    meanDefocusMm: mean(i.defocusMm, e.defocusMm),
    standIn: true,
  }
}
