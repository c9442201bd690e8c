// Synthetic images with known truth for unit tests: elliptical Gaussian stars (point-sampled
// at pixel centres, so their second moments are the injected covariance), flat sky, Gaussian
// noise from a seeded generator, cosmic rays, hot columns; and the inverse ISR that turns an
// assembled image into raw amplifier images for a layout.
import { createRng } from '@rubin/ra-camera-simulator'
import type { AmpGeometry, DetectorGeometry } from '../src/layout.ts'

/** Uniform deviates from the simulator's seeded generator. */
export function rng(seed: number): () => number {
  return createRng(seed).uniform
}

export function gaussian(random: () => number): () => number {
  return () => {
    const u = 1 - random()
    const v = random()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
}

export interface StarTruth {
  readonly x: number
  readonly y: number
  readonly flux: number
}

/** Covariance of a Gaussian PSF from FWHM (pixels, trace radius) and distortion e1, e2, as the camera simulator injects it. */
export function psfCovariance(fwhmPx: number, e1: number, e2: number): { ixx: number; iyy: number; ixy: number } {
  const s2 = (fwhmPx / (2 * Math.sqrt(2 * Math.log(2)))) ** 2
  return { ixx: s2 * (1 + e1), iyy: s2 * (1 - e1), ixy: s2 * e2 }
}

export function addStar(
  pixels: Float32Array,
  width: number,
  height: number,
  star: StarTruth,
  cov: { ixx: number; iyy: number; ixy: number },
): void {
  const det = cov.ixx * cov.iyy - cov.ixy * cov.ixy
  const axx = cov.iyy / det
  const ayy = cov.ixx / det
  const axy = -cov.ixy / det
  const norm = star.flux / (2 * Math.PI * Math.sqrt(det))
  const r = Math.ceil(7 * Math.sqrt(Math.max(cov.ixx, cov.iyy)))
  for (let y = Math.max(0, Math.floor(star.y - r)); y <= Math.min(height - 1, Math.ceil(star.y + r)); y++) {
    const dy = y - star.y
    for (let x = Math.max(0, Math.floor(star.x - r)); x <= Math.min(width - 1, Math.ceil(star.x + r)); x++) {
      const dx = x - star.x
      const i = y * width + x
      pixels[i] = (pixels[i] as number) + norm * Math.exp(-0.5 * (axx * dx * dx + 2 * axy * dx * dy + ayy * dy * dy))
    }
  }
}

export interface SceneOptions {
  readonly width: number
  readonly height: number
  readonly sky: number
  readonly fwhmPx: number
  readonly e1: number
  readonly e2: number
  readonly nStars: number
  readonly seed?: number
  /** Electrons; Poisson noise is approximated as Gaussian with variance sky + readNoise². */
  readonly readNoise?: number
  readonly fluxRange?: readonly [number, number]
  readonly cosmicRays?: number
  readonly hotColumns?: readonly number[]
  readonly margin?: number
}

export interface Scene {
  readonly width: number
  readonly height: number
  readonly pixels: Float32Array
  readonly stars: readonly StarTruth[]
  readonly cosmicRays: readonly { x: number; y: number }[]
}

/** Stars on a jittered grid (so they are isolated), sky, noise, optional cosmic rays and hot columns. */
export function makeScene(o: SceneOptions): Scene {
  const random = rng(o.seed ?? 1)
  const normal = gaussian(random)
  const { width, height } = o
  const pixels = new Float32Array(width * height)
  const noise = Math.sqrt(o.sky + (o.readNoise ?? 5) ** 2)
  for (let i = 0; i < pixels.length; i++) pixels[i] = o.sky + noise * normal()
  const cov = psfCovariance(o.fwhmPx, o.e1, o.e2)
  const margin = o.margin ?? 40
  const cols = Math.ceil(Math.sqrt((o.nStars * (width - 2 * margin)) / (height - 2 * margin)))
  const rows = Math.ceil(o.nStars / cols)
  const dx = (width - 2 * margin) / cols
  const dy = (height - 2 * margin) / rows
  const [fMin, fMax] = o.fluxRange ?? [2e4, 2e5]
  const stars: StarTruth[] = []
  for (let k = 0; k < o.nStars; k++) {
    const star = {
      x: margin + ((k % cols) + 0.3 + 0.4 * random()) * dx,
      y: margin + (Math.floor(k / cols) + 0.3 + 0.4 * random()) * dy,
      flux: fMin * (fMax / fMin) ** random(),
    }
    stars.push(star)
    addStar(pixels, width, height, star, cov)
  }
  const cosmicRays: { x: number; y: number }[] = []
  for (let k = 0; k < (o.cosmicRays ?? 0); k++) {
    const x = Math.floor(margin + random() * (width - 2 * margin))
    const y = Math.floor(margin + random() * (height - 2 * margin))
    // A straight track of 1–10 pixels, each far brighter than the sky: sharper than any PSF.
    const length = 1 + Math.floor(random() * 10)
    const angle = random() * Math.PI
    for (let s = 0; s < length; s++) {
      const i = Math.round(y + s * Math.sin(angle)) * width + Math.round(x + s * Math.cos(angle))
      pixels[i] = (pixels[i] as number) + 3000 + 20000 * random()
    }
    cosmicRays.push({ x, y })
  }
  for (const c of o.hotColumns ?? []) for (let y = 0; y < height; y++) pixels[y * width + c] = 60000
  return { width, height, pixels, stars, cosmicRays }
}

export interface AmpTruth {
  readonly bias: number
  readonly gain: number
  readonly readNoiseAdu: number
}

/** Inverse ISR: split an assembled image (electrons) into raw amplifier images (ADU) with bias and overscan. */
export function toRawAmps(
  assembled: { width: number; pixels: Float32Array },
  layout: DetectorGeometry,
  truth: (amp: AmpGeometry, index: number) => AmpTruth,
  seed = 7,
): { width: number; height: number; pixels: Int32Array }[] {
  const normal = gaussian(rng(seed))
  return layout.amplifiers.map((amp, index) => {
    const { bias, gain, readNoiseAdu } = truth(amp, index)
    const { rawBBox, rawDataBBox: data, bbox } = amp
    const out = new Int32Array(rawBBox.width * rawBBox.height)
    for (let i = 0; i < out.length; i++) out[i] = Math.round(bias + readNoiseAdu * normal())
    for (let dy = 0; dy < data.height; dy++) {
      const ay = bbox.y + (amp.rawFlipY ? data.height - 1 - dy : dy)
      for (let dx = 0; dx < data.width; dx++) {
        const ax = bbox.x + (amp.rawFlipX ? data.width - 1 - dx : dx)
        const e = assembled.pixels[ay * assembled.width + ax] as number
        out[(data.y + dy) * rawBBox.width + data.x + dx] = Math.round(bias + e / gain + readNoiseAdu * normal())
      }
    }
    return { width: rawBBox.width, height: rawBBox.height, pixels: out }
  })
}

/** A small 2×2-amp layout with flips like an E2V's top row, for fast unit tests. */
export function smallLayout(ampW = 128, ampH = 100, gain: number | null = 1.5): DetectorGeometry {
  const amps: AmpGeometry[] = []
  for (const iy of [0, 1]) {
    for (const ix of [0, 1]) {
      const flip = iy === 1
      amps.push({
        name: `C${iy}${ix}`,
        rawBBox: { x: 0, y: 0, width: ampW + 3 + 20, height: ampH + 10 },
        rawDataBBox: { x: 3, y: 0, width: ampW, height: ampH },
        rawSerialOverscanBBox: { x: ampW + 3, y: 0, width: 20, height: ampH },
        rawFlipX: flip,
        rawFlipY: flip,
        bbox: { x: ix * ampW, y: iy * ampH, width: ampW, height: ampH },
        gain,
        saturation: 100000,
      })
    }
  }
  return { width: 2 * ampW, height: 2 * ampH, amplifiers: amps }
}
