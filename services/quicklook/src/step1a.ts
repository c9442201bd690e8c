// Per-detector quicklook (step1a) on amplifier images that are already decoded: ISR-lite,
// assembly, 8× binning, background and noise, post-ISR median, star detection and PSF moments.
import { measureBackground } from './background.ts'
import { type BinnedImage, binImage } from './bin.ts'
import { detectFootprints } from './detect.ts'
import { checkImage, type FloatImage, type Image } from './image.ts'
import { assemble, type IsrOptions } from './isr.ts'
import { type DetectorGeometry, LSSTCAM_PIXEL_SCALE_ARCSEC } from './layout.ts'
import { measureStars, type RejectReason, type Star, summarizePsf } from './psf.ts'
import { largeMedian } from './stats.ts'

export interface Step1aOptions {
  /** Arcsec per (unbinned) pixel of the image measured (default LSSTCam 0.2). */
  readonly pixelScaleArcsec?: number
  readonly isr?: IsrOptions
  /** Binning of the returned preview (default 8). */
  readonly binFactor?: number
  /** Return the assembled post-ISR image (default true; it is already allocated). */
  readonly keepAssembled?: boolean
  /** Detection threshold in noise sigmas (default 5). */
  readonly detectSigma?: number
  /** Minimum signal-to-noise of a PSF star (default 30). */
  readonly minSnr?: number
  readonly maxStars?: number
}

export interface AmpSummary {
  readonly name: string
  /** ADU. */
  readonly overscanLevel: number
  /** Electrons: the overscan's clipped rms times the gain. */
  readonly readNoise: number
  readonly gain: number
  readonly gainKnown: boolean
  readonly saturatedPixels: number
}

export interface Step1aSummary {
  /** Median over PSF stars, arcsec (trace radius; NaN when no stars). */
  readonly fwhm: number
  readonly e1: number
  readonly e2: number
  readonly nStars: number
  /** Median second moments over stars, pixels². */
  readonly ixx: number
  readonly iyy: number
  readonly ixy: number
  /** Background level (sky + dark), electrons per pixel. */
  readonly sky: number
  /** Background noise, electrons rms per pixel. */
  readonly noise: number
  /** Median of every post-ISR pixel, electrons. */
  readonly postIsrMedian: number
  readonly nFootprints: number
  readonly rejected: Readonly<Record<RejectReason, number>>
  readonly amplifiers: readonly AmpSummary[]
  readonly pixelScaleArcsec: number
  readonly width: number
  readonly height: number
  /** Wall time per stage, milliseconds. */
  readonly timings: Readonly<Record<'isr' | 'bin' | 'background' | 'median' | 'detect' | 'psf', number>>
}

export interface Step1aResult {
  readonly assembled?: FloatImage
  readonly binned: BinnedImage
  readonly summary: Step1aSummary
  readonly stars: readonly Star[]
}

/** Quicklook of one detector from its raw amplifier images, in the layout's readout order. */
export function runStep1aOnAmps(
  raws: readonly Image[],
  layout: DetectorGeometry,
  options: Step1aOptions = {},
): Step1aResult {
  for (const [i, r] of raws.entries()) checkImage(r, `amplifier ${layout.amplifiers[i]?.name ?? i}`)
  const clock = stopwatch()
  const isr = assemble(raws, layout, options.isr)
  const tIsr = clock()
  return measureAssembled(isr.image, {
    ...options,
    saturationElectrons: isr.saturationElectrons,
    amplifiers: isr.amps.map((a) => ({
      name: a.name,
      overscanLevel: a.overscanLevel,
      readNoise: a.overscanNoise * a.gain,
      gain: a.gain,
      gainKnown: a.gainKnown,
      saturatedPixels: a.saturatedPixels,
    })),
    isrMs: tIsr,
  })
}

/** The measurement half of step1a, on an image already in electrons (e.g. a stand-alone post-ISR image). */
export function measureAssembled(
  image: FloatImage,
  options: Step1aOptions & {
    readonly saturationElectrons?: number
    readonly amplifiers?: readonly AmpSummary[]
    readonly isrMs?: number
  } = {},
): Step1aResult {
  checkImage(image, 'assembled image')
  const pixelScaleArcsec = options.pixelScaleArcsec ?? LSSTCAM_PIXEL_SCALE_ARCSEC
  const clock = stopwatch()
  const binned = binImage(image, options.binFactor ?? 8)
  const tBin = clock()
  const background = measureBackground(image)
  const tBackground = clock()
  const postIsrMedian = largeMedian(image.pixels)
  const tMedian = clock()
  const footprints = detectFootprints(image, background, { nSigma: options.detectSigma ?? 5 })
  const tDetect = clock()
  const psf = measureStars(image, background, footprints, {
    pixelScaleArcsec,
    ...(options.saturationElectrons === undefined ? {} : { saturationElectrons: options.saturationElectrons }),
    ...(options.minSnr === undefined ? {} : { minSnr: options.minSnr }),
    ...(options.maxStars === undefined ? {} : { maxStars: options.maxStars }),
  })
  const tPsf = clock()
  const p = summarizePsf(psf.stars)
  const summary: Step1aSummary = {
    fwhm: p.fwhm,
    e1: p.e1,
    e2: p.e2,
    nStars: p.nStars,
    ixx: p.ixx,
    iyy: p.iyy,
    ixy: p.ixy,
    sky: background.sky,
    noise: background.skyNoise,
    postIsrMedian,
    nFootprints: footprints.length,
    rejected: psf.rejected,
    amplifiers: options.amplifiers ?? [],
    pixelScaleArcsec,
    width: image.width,
    height: image.height,
    timings: {
      isr: round(options.isrMs ?? 0),
      bin: round(tBin),
      background: round(tBackground),
      median: round(tMedian),
      detect: round(tDetect),
      psf: round(tPsf),
    },
  }
  return {
    ...(options.keepAssembled === false ? {} : { assembled: image }),
    binned,
    summary,
    stars: psf.stars,
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10

/** Milliseconds since the previous call (or creation). */
function stopwatch(): () => number {
  let last = performance.now()
  return () => {
    const now = performance.now()
    const d = now - last
    last = now
    return d
  }
}
