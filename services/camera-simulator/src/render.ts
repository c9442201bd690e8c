// Pixels from truth: the expected electrons in the assembled detector (sky, dark, stamps of
// each star or donut, defects), then per amplifier noise, gain, bias and the readout flips
// that put the raw amplifier image in readout order, with prescan and overscan filled.
import type { SensorLayout } from '@rubin/ra-contract'
import { createRng, streamSeed } from './prng.ts'
import type { DetectorTruth } from './truth.ts'

const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2))

/** Adds an elliptical Gaussian of `flux` electrons centred at (cx, cy), evaluated only on a stamp. */
export function addGaussian(
  image: Float32Array,
  width: number,
  height: number,
  star: { x: number; y: number; flux: number },
  psf: { fwhmPixels: number; e1: number; e2: number },
): void {
  const s2 = (psf.fwhmPixels / FWHM_PER_SIGMA) ** 2
  // Covariance with trace 2 s2: Ixx = s2 (1 + e1), Iyy = s2 (1 - e1), Ixy = s2 e2.
  const ixx = s2 * (1 + psf.e1)
  const iyy = s2 * (1 - psf.e1)
  const ixy = s2 * psf.e2
  const det = ixx * iyy - ixy * ixy
  const [a, b, c] = [iyy / det, -ixy / det, ixx / det]
  const norm = star.flux / (2 * Math.PI * Math.sqrt(det))
  const r = Math.ceil(6 * Math.sqrt(Math.max(ixx, iyy)))
  const x0 = Math.max(0, Math.floor(star.x) - r)
  const x1 = Math.min(width - 1, Math.floor(star.x) + r)
  const y0 = Math.max(0, Math.floor(star.y) - r)
  const y1 = Math.min(height - 1, Math.floor(star.y) + r)
  for (let y = y0; y <= y1; y++) {
    const dy = y - star.y
    for (let x = x0; x <= x1; x++) {
      const dx = x - star.x
      const q = a * dx * dx + 2 * b * dx * dy + c * dy * dy
      image[y * width + x] = (image[y * width + x] ?? 0) + norm * Math.exp(-0.5 * q)
    }
  }
}

/** A donut: a uniformly lit annulus with edges softened by the PSF, normalised to its flux. */
export function addDonut(
  image: Float32Array,
  width: number,
  height: number,
  donut: DetectorTruth['donuts'][number],
  fwhmPixels: number,
): void {
  const soft = Math.max(0.5, fwhmPixels / FWHM_PER_SIGMA)
  const r = Math.ceil(donut.outerRadius + 4 * soft)
  const x0 = Math.max(0, Math.floor(donut.x) - r)
  const x1 = Math.min(width - 1, Math.floor(donut.x) + r)
  const y0 = Math.max(0, Math.floor(donut.y) - r)
  const y1 = Math.min(height - 1, Math.floor(donut.y) + r)
  const w = x1 - x0 + 1
  const weights = new Float32Array(w * (y1 - y0 + 1))
  let total = 0
  const edge = (d: number) => 1 / (1 + Math.exp(-d / soft))
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const d = Math.hypot(x - donut.x, y - donut.y)
      const value = edge(donut.outerRadius - d) * edge(d - donut.innerRadius)
      weights[(y - y0) * w + (x - x0)] = value
      total += value
    }
  }
  if (total === 0) return
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      image[y * width + x] =
        (image[y * width + x] ?? 0) + (donut.flux * (weights[(y - y0) * w + (x - x0)] ?? 0)) / total
    }
  }
}

/** Expected electrons per assembled pixel (no noise). */
export function expectedElectrons(truth: DetectorTruth): Float32Array {
  const { width, height } = truth
  const image = new Float32Array(width * height)
  image.fill(truth.sky.electronsPerPixel + truth.darkElectronsPerPixel)
  for (const star of truth.stars) addGaussian(image, width, height, star, truth.psf)
  for (const donut of truth.donuts) addDonut(image, width, height, donut, truth.psf.fwhmPixels)
  for (const col of truth.hotColumns) {
    for (let y = col.y0; y < col.y1; y++) image[y * width + col.x] = (image[y * width + col.x] ?? 0) + col.electrons
  }
  for (const ray of truth.cosmicRays) {
    for (const [x, y] of ray.pixels) image[y * width + x] = (image[y * width + x] ?? 0) + ray.electrons
  }
  return image
}

/** 18-bit ADCs: raw values never leave 0..2^18-1. */
const ADC_MAX = 2 ** 18 - 1

export interface RawAmplifier {
  readonly width: number
  readonly height: number
  readonly data: Int32Array
}

/**
 * The raw amplifier images in readout order. Each pixel of the data section is Poisson
 * (normal approximation: mean e, variance e + readNoise^2) then / gain + bias, rounded.
 */
export function readOut(
  truth: DetectorTruth,
  layout: SensorLayout,
  electrons: Float32Array,
  seed: number,
): RawAmplifier[] {
  return layout.amplifiers.map((amp, index) => {
    const values = truth.amplifiers[index]
    if (values === undefined) throw new Error(`truth has no amplifier ${index}`)
    const rng = createRng(streamSeed(seed, 'readout', truth.detectorId, amp.name))
    const { width, height } = amp.rawBBox
    const data = new Int32Array(width * height)
    const { bias, gain, readNoise } = values
    const rnAdu = readNoise / gain
    for (let i = 0; i < data.length; i++) data[i] = Math.round(bias + rnAdu * rng.normal())
    const box = amp.rawDataBBox
    const rn2 = readNoise * readNoise
    for (let ry = 0; ry < box.height; ry++) {
      const ay = amp.bbox.y + (amp.rawFlipY ? box.height - 1 - ry : ry)
      const row = (box.y + ry) * width + box.x
      for (let rx = 0; rx < box.width; rx++) {
        const ax = amp.bbox.x + (amp.rawFlipX ? box.width - 1 - rx : rx)
        const e = electrons[ay * truth.width + ax] ?? 0
        const adu = bias + (e + Math.sqrt(e + rn2) * rng.normal()) / gain
        data[row + rx] = Math.min(ADC_MAX, Math.max(0, Math.round(adu)))
      }
    }
    return { width, height, data }
  })
}

/** The guider stamp sequence: one small image per time step, bias-subtracted ADU of the first amplifier's gain. */
export function guiderStamps(truth: DetectorTruth, seed: number): RawAmplifier[] {
  const guider = truth.guider
  if (guider === undefined) return []
  const amp = truth.amplifiers[0]
  if (amp === undefined) return []
  const rng = createRng(streamSeed(seed, 'guider-pixels', truth.detectorId))
  const size = guider.stampSize
  const skyPerStamp = (truth.sky.electronsPerPixel * guider.intervalSeconds) / Math.max(1, guider.stamps.length)
  return guider.stamps.map((stamp) => {
    const image = new Float32Array(size * size).fill(skyPerStamp)
    addGaussian(image, size, size, { x: stamp.x, y: stamp.y, flux: guider.flux }, truth.psf)
    const data = new Int32Array(size * size)
    const rn2 = amp.readNoise ** 2
    for (let i = 0; i < data.length; i++) {
      const e = image[i] ?? 0
      data[i] = Math.max(0, Math.round(amp.bias + (e + Math.sqrt(e + rn2) * rng.normal()) / amp.gain))
    }
    return { width: size, height: size, data }
  })
}
