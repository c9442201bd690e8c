// Synthetic inputs for the integration tests: star fields, detector images, telemetry, timings.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRng } from '@rubin/ra-camera-simulator'
import { detectorsOf } from '@rubin/ra-contract'
import type { BinnedImage, Image2D } from '../src/index.ts'

/** Deterministic pseudo-random numbers (the simulator's seeded generator). */
export function rng(seed: number): () => number {
  return createRng(seed).uniform
}

export function starField(width: number, height: number, seed: number, stars = 20, sky = 1000): Float32Array {
  const random = rng(seed)
  const px = new Float32Array(width * height)
  for (let i = 0; i < px.length; i++) px[i] = sky + 20 * (random() - 0.5)
  for (let k = 0; k < stars; k++) {
    const cx = random() * width
    const cy = random() * height
    const amp = 500 + 20_000 * random() ** 3
    for (let y = Math.max(0, Math.floor(cy - 6)); y < Math.min(height, cy + 6); y++) {
      for (let x = Math.max(0, Math.floor(cx - 6)); x < Math.min(width, cx + 6); x++) {
        px[y * width + x] = (px[y * width + x] as number) + amp * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 4)
      }
    }
  }
  return px
}

/** 8×-binned images of the LSSTCam imaging detectors (e2v 512×500, ITL 509×500), minus `skip`. */
export function binnedFocalPlane(skip: readonly number[] = []): BinnedImage[] {
  return detectorsOf('LSSTCam')
    .filter((d) => d.purpose === 'imaging' && !skip.includes(d.id))
    .map((d) => {
      const width = d.physicalType === 'E2V' ? 512 : 509
      return { detector: d.id, width, height: 500, binning: 8, pixels: starField(width, 500, d.id + 1) }
    })
}

export function gaussianStamp(size: number, sigma: number, ring = false): Image2D {
  const pixels = new Float32Array(size * size)
  const c = (size - 1) / 2
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - c, y - c)
      pixels[y * size + x] = ring
        ? Math.exp(-((r - size / 3) ** 2) / (2 * sigma ** 2)) * (r > size / 6 ? 1 : 0.1)
        : Math.exp(-(r * r) / (2 * sigma * sigma))
    }
  }
  return { width: size, height: size, pixels }
}

export const OUTPUT_DIR = join(import.meta.dirname, '..', 'test-output')

/** Keep a sample product for a human to look at (test-output/ is gitignored). */
export function keep(name: string, bytes: Uint8Array): void {
  mkdirSync(OUTPUT_DIR, { recursive: true })
  writeFileSync(join(OUTPUT_DIR, name), bytes)
}
