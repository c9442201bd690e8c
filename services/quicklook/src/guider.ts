// Guider analysis: per stamp centroid, flux and FWHM (adaptive moments after a clipped
// background), then trends over the sequence: drift rate (least-squares slope of the
// centroid), flux RMS (fractional), FWHM slope.
import { QuicklookError } from './errors.ts'
import { checkImage, type Image } from './image.ts'
import { LSSTCAM_PIXEL_SCALE_ARCSEC } from './layout.ts'
import { adaptiveMoments, ellipticity, fwhmPixels } from './moments.ts'
import { clippedStats } from './stats.ts'

export interface GuiderStamp {
  /** Seconds since the exposure started. */
  readonly t: number
  /** Electrons or bias-subtracted ADU (flux is in the same unit). */
  readonly image: Image
}

export interface StampMeasurement {
  readonly t: number
  /** Centroid in stamp pixels (0-based, pixel centres at integers); NaN when it failed. */
  readonly x: number
  readonly y: number
  readonly flux: number
  /** Arcsec. */
  readonly fwhm: number
  readonly e1: number
  readonly e2: number
  readonly background: number
  readonly ok: boolean
  /** Why the moments failed (absent when ok). */
  readonly failure?: string
}

export interface GuiderTrends {
  readonly nStamps: number
  readonly nMeasured: number
  /** Centroid drift, pixels/s (least-squares slopes) and its magnitude in arcsec/s. */
  readonly driftX: number
  readonly driftY: number
  readonly driftArcsecPerSecond: number
  /** RMS of the centroid about the linear drift, arcsec (jitter). */
  readonly jitterArcsec: number
  readonly meanFlux: number
  /** Standard deviation of flux / mean flux. */
  readonly fluxRms: number
  readonly meanFwhm: number
  /** FWHM slope, arcsec/s. */
  readonly fwhmSlope: number
}

export interface GuiderResult {
  readonly stamps: readonly StampMeasurement[]
  readonly trends: GuiderTrends
}

export function measureStamp(stamp: GuiderStamp, pixelScaleArcsec = LSSTCAM_PIXEL_SCALE_ARCSEC): StampMeasurement {
  const { image, t } = stamp
  checkImage(image, `guider stamp at t=${t}`)
  const bg = clippedStats(image.pixels).median
  // Start at the brightest pixel; stamps hold one guide star.
  let best = 0
  for (let i = 1; i < image.pixels.length; i++)
    if ((image.pixels[i] as number) > (image.pixels[best] as number)) best = i
  const m = adaptiveMoments(image, best % image.width, Math.floor(best / image.width), bg, 2, {
    maxRadius: image.width / 2,
  })
  if (typeof m === 'string') {
    const nan = Number.NaN
    return { t, x: nan, y: nan, flux: 0, fwhm: nan, e1: nan, e2: nan, background: bg, ok: false, failure: m }
  }
  const { e1, e2 } = ellipticity(m)
  return { t, x: m.x, y: m.y, flux: m.flux, fwhm: fwhmPixels(m) * pixelScaleArcsec, e1, e2, background: bg, ok: true }
}

/** Least-squares slope and intercept of y(t). */
function fitLine(t: readonly number[], y: readonly number[]): { slope: number; intercept: number } {
  const n = t.length
  const mt = t.reduce((a, b) => a + b, 0) / n
  const my = y.reduce((a, b) => a + b, 0) / n
  let stt = 0
  let sty = 0
  for (let i = 0; i < n; i++) {
    stt += ((t[i] as number) - mt) ** 2
    sty += ((t[i] as number) - mt) * ((y[i] as number) - my)
  }
  const slope = stt > 0 ? sty / stt : 0
  return { slope, intercept: my - slope * mt }
}

export function analyzeGuider(
  stamps: readonly GuiderStamp[],
  pixelScaleArcsec = LSSTCAM_PIXEL_SCALE_ARCSEC,
): GuiderResult {
  if (stamps.length === 0) throw new QuicklookError('RA_QUICKLOOK_NO_INPUT', 'guider analysis needs at least one stamp')
  const measured = stamps.map((s) => measureStamp(s, pixelScaleArcsec))
  const ok = measured.filter((m) => m.ok)
  const t = ok.map((m) => m.t)
  const nan = Number.NaN
  if (ok.length === 0) {
    return {
      stamps: measured,
      trends: {
        nStamps: stamps.length,
        nMeasured: 0,
        driftX: nan,
        driftY: nan,
        driftArcsecPerSecond: nan,
        jitterArcsec: nan,
        meanFlux: nan,
        fluxRms: nan,
        meanFwhm: nan,
        fwhmSlope: nan,
      },
    }
  }
  const fx = fitLine(
    t,
    ok.map((m) => m.x),
  )
  const fy = fitLine(
    t,
    ok.map((m) => m.y),
  )
  const ff = fitLine(
    t,
    ok.map((m) => m.fwhm),
  )
  let r2 = 0
  for (const m of ok) r2 += (m.x - (fx.intercept + fx.slope * m.t)) ** 2 + (m.y - (fy.intercept + fy.slope * m.t)) ** 2
  const meanFlux = ok.reduce((a, m) => a + m.flux, 0) / ok.length
  const fluxVar = ok.reduce((a, m) => a + (m.flux - meanFlux) ** 2, 0) / Math.max(1, ok.length - 1)
  return {
    stamps: measured,
    trends: {
      nStamps: stamps.length,
      nMeasured: ok.length,
      driftX: fx.slope,
      driftY: fy.slope,
      driftArcsecPerSecond: Math.hypot(fx.slope, fy.slope) * pixelScaleArcsec,
      jitterArcsec: Math.sqrt(r2 / ok.length) * pixelScaleArcsec,
      meanFlux,
      fluxRms: Math.sqrt(fluxVar) / meanFlux,
      meanFwhm: ok.reduce((a, m) => a + m.fwhm, 0) / ok.length,
      fwhmSlope: ff.slope,
    },
  }
}
