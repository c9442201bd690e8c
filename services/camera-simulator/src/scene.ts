// What is injected on one detector of one exposure (the truth), before any pixel is made.
// Deterministic: every draw comes from streams seeded by (seed, obs, detector, purpose).
import type { Detector, SensorLayout } from '@rubin/ra-contract'
import { INSTRUMENT_FACTS, SKY_RATE } from './instruments.ts'
import { createRng, streamSeed } from './prng.ts'
import type { ExposureSpec } from './spec.ts'
import type { DetectorTruth } from './truth.ts'

const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2))
/** Stars per imaging detector of a science image: >= 30 well exposed and unblended. */
const STARS = { min: 40, max: 55 }
const DARK_CURRENT = 0.003 // e-/s/px
const FLAT_LEVEL = 20_000 // e-/px

export interface Resolved {
  readonly spec: ExposureSpec
  readonly exposureTime: number
  readonly band: string
  readonly seeing: number
  readonly focusZ: number
  readonly binning: number
}

/** PSF at a focal-plane position: FWHM grows and ellipticity turns with field position, smoothly. */
export function psfAt(resolved: Resolved, xMm: number, yMm: number): { fwhmArcsec: number; e1: number; e2: number } {
  const facts = INSTRUMENT_FACTS[resolved.spec.instrument]
  const rng = createRng(streamSeed(resolved.spec.seed, 'psf-field', resolved.spec.dayObs, resolved.spec.seqNum))
  const twist = rng.between(0, Math.PI)
  const offset = [rng.between(-0.01, 0.01), rng.between(-0.01, 0.01)] as const
  const rr = Math.hypot(xMm, yMm) / facts.fieldRadiusMm
  const phi = Math.atan2(yMm, xMm) + twist
  return {
    fwhmArcsec: resolved.seeing * (1 + 0.12 * rr * rr),
    e1: offset[0] + 0.04 * rr * Math.cos(2 * phi),
    e2: offset[1] + 0.04 * rr * Math.sin(2 * phi),
  }
}

function placeApart(
  rng: ReturnType<typeof createRng>,
  count: number,
  width: number,
  height: number,
  margin: number,
  separation: number,
): { x: number; y: number }[] {
  const placed: { x: number; y: number }[] = []
  for (let tries = 0; placed.length < count && tries < count * 200; tries++) {
    const x = rng.between(margin, width - margin)
    const y = rng.between(margin, height - margin)
    if (placed.every((p) => Math.hypot(p.x - x, p.y - y) >= separation)) placed.push({ x, y })
  }
  return placed
}

export function detectorTruth(resolved: Resolved, detector: Detector, layout: SensorLayout): DetectorTruth {
  const { spec, binning, exposureTime } = resolved
  const facts = INSTRUMENT_FACTS[spec.instrument]
  const obs = `${spec.dayObs}/${spec.seqNum}`
  const draw = (what: string) => createRng(streamSeed(spec.seed, obs, detector.id, what))
  // The electronics and defects of a detector do not change between exposures.
  const fixed = (what: string) => createRng(streamSeed(spec.seed, 'detector', detector.id, what))
  const { width, height } = layout
  const scale = facts.pixelScaleArcsec * binning
  const psf = psfAt(resolved, detector.xMm, detector.yMm)
  const fwhmPixels = psf.fwhmArcsec / scale
  const sigma = fwhmPixels / FWHM_PER_SIGMA
  const type = spec.imageType
  const seesSky = type === 'science' || type === 'cwfs' || type === 'acquisition'
  const skyPerPx = seesSky ? (SKY_RATE[resolved.band] ?? 12) : 0
  const sky = type === 'flat' ? FLAT_LEVEL : skyPerPx * exposureTime * (scale / 0.2) ** 2
  const darkTime = type === 'bias' ? 0 : exposureTime + 1
  const electronics = fixed('electronics')
  const amplifiers = layout.amplifiers.map((amp) => {
    const gain = amp.gain ?? electronics.between(1.4, 1.7)
    const readNoise = amp.readNoise ?? electronics.between(5, 9)
    return {
      name: amp.name,
      extname: amp.extname,
      bias: Math.round(electronics.between(15_000, 25_000)),
      gain,
      readNoise,
      skyAdu: sky / gain,
    }
  })

  const stars: DetectorTruth['stars'] = []
  const donuts: DetectorTruth['donuts'] = []
  const defocusMm = detector.purpose === 'wavefront' ? detector.zMm : type === 'cwfs' ? resolved.focusZ : 0
  if (seesSky && detector.purpose !== 'guider') {
    const rng = draw('sources')
    if (defocusMm !== 0) {
      const outer = (Math.abs(defocusMm) * facts.donutPxPerMm) / binning
      const count = detector.purpose === 'wavefront' ? rng.int(4, 6) : rng.int(3, 5)
      const spots = placeApart(rng, count, width, height, outer + 4 * sigma + 2, 2 * outer + 8 * sigma)
      for (const p of spots) {
        donuts.push({ ...p, flux: rng.between(3e5, 2e6), outerRadius: outer, innerRadius: outer * facts.obscuration })
      }
    } else {
      const count = rng.int(STARS.min, STARS.max)
      const margin = Math.max(10 * sigma, 6)
      for (const p of placeApart(rng, count, width, height, margin, 12 * sigma + 4)) {
        // Log-uniform over a bright, unsaturated range (peak well under full well at this FWHM).
        const peakMax = 60_000
        const maxFlux = Math.min(1.5e6, peakMax * 2 * Math.PI * sigma * sigma)
        stars.push({ ...p, flux: Math.exp(rng.between(Math.log(maxFlux / 30), Math.log(maxFlux))) })
      }
    }
  }

  const defects = fixed('defects')
  const hotColumns: DetectorTruth['hotColumns'] = []
  for (let i = defects.int(2, 4); i > 0; i--) {
    const y0 = defects.int(0, Math.floor(height / 2))
    hotColumns.push({
      x: defects.int(0, width - 1),
      y0,
      y1: defects.int(y0 + 1, height),
      electrons: Math.round(darkTime * defects.between(20, 60)),
    })
  }

  const cosmicRays: DetectorTruth['cosmicRays'] = []
  if (darkTime > 0) {
    const rng = draw('cosmic-rays')
    // ~2 per 30 s per 16 Mpx chip, at least one on any exposed detector so ISR always has some to find.
    const expected = Math.max(1, Math.round((darkTime / 15) * ((width * height * binning * binning) / 16e6)))
    for (let i = 0; i < expected; i++) {
      const length = rng.int(2, 20)
      const angle = rng.between(0, 2 * Math.PI)
      let x = rng.between(0, width)
      let y = rng.between(0, height)
      const seen = new Set<number>()
      const pixels: [number, number][] = []
      for (let s = 0; s < length; s++) {
        const px = Math.floor(x)
        const py = Math.floor(y)
        if (px >= 0 && py >= 0 && px < width && py < height && !seen.has(py * width + px)) {
          seen.add(py * width + px)
          pixels.push([px, py])
        }
        x += Math.cos(angle)
        y += Math.sin(angle)
      }
      if (pixels.length > 0) cosmicRays.push({ pixels, electrons: Math.round(rng.between(800, 4000)) })
    }
  }

  const truth: DetectorTruth = {
    detectorId: detector.id,
    detectorName: detector.name,
    physicalType: detector.physicalType,
    purpose: detector.purpose,
    width,
    height,
    psf: { profile: 'gaussian', fwhmArcsec: psf.fwhmArcsec, fwhmPixels, e1: psf.e1, e2: psf.e2 },
    sky: { electronsPerPixel: sky },
    darkElectronsPerPixel: DARK_CURRENT * darkTime,
    stars,
    donuts,
    amplifiers,
    hotColumns,
    cosmicRays,
  }
  if (detector.purpose === 'guider' && seesSky && spec.guiderStamps !== false) {
    truth.guider = guiderTruth(resolved, width, height, fwhmPixels, draw('guider'))
  }
  return truth
}

function guiderTruth(
  resolved: Resolved,
  width: number,
  height: number,
  fwhmPixels: number,
  rng: ReturnType<typeof createRng>,
): NonNullable<DetectorTruth['guider']> {
  const stampSize = 50
  const intervalSeconds = 1
  const count = Math.max(1, Math.min(60, Math.ceil(resolved.exposureTime / intervalSeconds)))
  let x = stampSize / 2 + rng.between(-3, 3)
  let y = stampSize / 2 + rng.between(-3, 3)
  const stamps: { t: number; x: number; y: number }[] = []
  // A random walk of ~0.05 FWHM per step: the telescope's guiding residual.
  for (let i = 0; i < count; i++) {
    stamps.push({ t: i * intervalSeconds, x, y })
    x = Math.min(stampSize - 8, Math.max(8, x + rng.normal() * 0.05 * fwhmPixels))
    y = Math.min(stampSize - 8, Math.max(8, y + rng.normal() * 0.05 * fwhmPixels))
  }
  return {
    stampSize,
    originX: rng.int(0, Math.max(0, width - stampSize)),
    originY: rng.int(0, Math.max(0, height - stampSize)),
    intervalSeconds,
    flux: rng.between(5e4, 2e5),
    stamps,
  }
}
