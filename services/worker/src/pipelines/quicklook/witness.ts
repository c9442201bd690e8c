// ----------------------------------------------------------------------------
// The witness detector's products, made in step1a where its post-ISR pixels
// are in memory: `witness_detector` (the image) and `imexam` (cutouts of the
// brightest PSF stars and the radial profile of the brightest). Which detector
// is the witness is the WITNESS_DETECTOR control, read each time (its contract
// semantics: 'read', never consumed); missing or invalid → the configured default.
// ----------------------------------------------------------------------------
import { detectorById, detectorByName, parseControlValue } from '@rubin/ra-contract'
import type { Image2D, ImexamInput } from '@rubin/ra-products'
import { renderDetectorImage, renderImexam } from '@rubin/ra-products'
import type { FloatImage, Star, Step1aResult } from '@rubin/ra-quicklook'
import { eventKey } from './common.ts'
import type { QuicklookDeps } from './deps.ts'

/** The witness detector in effect: the control when it names one of the instrument's imaging detectors. */
export async function currentWitness(deps: QuicklookDeps): Promise<number> {
  const raw = await deps.redis.client.get(deps.redis.keys.key('control', { control: 'WITNESS_DETECTOR' }))
  if (raw === null) return deps.witnessDetector
  const parsed = parseControlValue('WITNESS_DETECTOR', raw)
  if (!parsed.ok) return deps.witnessDetector
  const value = String(parsed.value)
  const detector = /^\d+$/.test(value)
    ? detectorById(deps.instrument, Number(value))
    : detectorByName(deps.instrument, value)
  return detector?.purpose === 'imaging' ? detector.id : deps.witnessDetector
}

const CUTOUT_HALF = 12
const MAX_CUTOUTS = 6
const PROFILE_RADIUS = 12

function cutout(image: FloatImage, cx: number, cy: number, sky: number): Image2D {
  const size = 2 * CUTOUT_HALF + 1
  const pixels = new Float32Array(size * size)
  const x0 = Math.round(cx) - CUTOUT_HALF
  const y0 = Math.round(cy) - CUTOUT_HALF
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const ix = x0 + x
      const iy = y0 + y
      const inside = ix >= 0 && iy >= 0 && ix < image.width && iy < image.height
      pixels[y * size + x] = inside ? (image.pixels[iy * image.width + ix] as number) - sky : 0
    }
  }
  return { width: size, height: size, pixels }
}

function radialProfile(image: FloatImage, star: Star, sky: number): ImexamInput['radialProfile'] {
  const out: { r: number; value: number }[] = []
  const r2max = PROFILE_RADIUS * PROFILE_RADIUS
  for (let dy = -PROFILE_RADIUS; dy <= PROFILE_RADIUS; dy++) {
    for (let dx = -PROFILE_RADIUS; dx <= PROFILE_RADIUS; dx++) {
      const x = Math.round(star.x) + dx
      const y = Math.round(star.y) + dy
      if (x < 0 || y < 0 || x >= image.width || y >= image.height) continue
      const r2 = (x - star.x) ** 2 + (y - star.y) ** 2
      if (r2 > r2max) continue
      out.push({ r: Math.sqrt(r2), value: (image.pixels[y * image.width + x] as number) - sky })
    }
  }
  return out
}

/** Imexam input from the brightest stars, or undefined when there is nothing to show. */
export function imexamInput(image: FloatImage, stars: readonly Star[], sky: number): ImexamInput | undefined {
  const brightest = [...stars].sort((a, b) => b.flux - a.flux).slice(0, MAX_CUTOUTS)
  const first = brightest[0]
  if (first === undefined) return undefined
  const background = Number.isFinite(sky) ? sky : 0
  return {
    cutouts: brightest.map((s) => cutout(image, s.x, s.y, background)),
    stars: brightest.map((s) => ({ x: s.x, y: s.y, flux: s.flux, fwhm: s.fwhm })),
    radialProfile: radialProfile(image, first, background),
  }
}

export async function uploadWitness(deps: QuicklookDeps, exposure: number, result: Step1aResult): Promise<string[]> {
  const image = result.assembled
  if (image === undefined) return []
  const keys: string[] = []
  const rendered = await renderDetectorImage(image, { format: 'jpeg' })
  const witnessKey = eventKey(deps, 'witness_detector', exposure, rendered.ext)
  await deps.products.put({ key: witnessKey, body: rendered.bytes, contentType: rendered.mimeType })
  keys.push(witnessKey)
  const input = imexamInput(image, result.stars, result.summary.sky)
  if (input !== undefined) {
    const plot = await renderImexam(input)
    const key = eventKey(deps, 'imexam', exposure, plot.ext)
    await deps.products.put({ key, body: plot.bytes, contentType: plot.mimeType })
    keys.push(key)
  } else {
    deps.logger.warn({ exposure }, 'witness detector has no PSF stars: no imexam')
  }
  return keys
}
