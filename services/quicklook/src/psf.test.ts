import { describe, expect, it } from 'vitest'
import { addStar, makeScene, psfCovariance, type Scene } from '../test/synthetic.ts'
import { measureBackground } from './background.ts'
import { detectFootprints } from './detect.ts'
import { measureStars, summarizePsf } from './psf.ts'

const PIXEL_SCALE = 0.2

function measure(options: Parameters<typeof makeScene>[0], saturationElectrons?: number) {
  const scene = makeScene(options)
  const bg = measureBackground(scene)
  const footprints = detectFootprints(scene, bg)
  const psf = measureStars(scene, bg, footprints, {
    pixelScaleArcsec: PIXEL_SCALE,
    ...(saturationElectrons === undefined ? {} : { saturationElectrons }),
  })
  return { scene, psf, summary: summarizePsf(psf.stars) }
}

const isInjectedStar = (scene: Scene, s: { x: number; y: number }) =>
  scene.stars.some((t) => Math.hypot(t.x - s.x, t.y - s.y) < 1)

describe('PSF from detected stars', () => {
  for (const [fwhmArcsec, e1, e2] of [
    [0.6, 0, 0],
    [0.9, 0.08, -0.05],
    [1.4, -0.1, 0.12],
  ] as const) {
    it(`FWHM ${fwhmArcsec}″ e = (${e1}, ${e2}): within 5 % and 0.02, ≥ 20 stars, cosmic rays rejected`, () => {
      const { scene, psf, summary } = measure({
        width: 1024,
        height: 1024,
        sky: 900,
        fwhmPx: fwhmArcsec / PIXEL_SCALE,
        e1,
        e2,
        nStars: 36,
        cosmicRays: 60,
        seed: Math.round(fwhmArcsec * 100),
      })
      expect(summary.nStars).toBeGreaterThanOrEqual(20)
      expect(Math.abs(summary.fwhm / fwhmArcsec - 1)).toBeLessThan(0.05)
      expect(Math.abs(summary.e1 - e1)).toBeLessThan(0.02)
      expect(Math.abs(summary.e2 - e2)).toBeLessThan(0.02)
      // Tracks of 5+ pixels become footprints; the sharpness test (or the size clip) rejects them.
      expect(psf.rejected.cosmicRay + psf.rejected.sizeOutlier).toBeGreaterThanOrEqual(5)
      for (const s of psf.stars) expect(Math.abs(s.fwhm / fwhmArcsec - 1)).toBeLessThan(0.25)
      for (const cr of scene.cosmicRays) {
        expect(psf.stars.some((s) => Math.hypot(s.x - cr.x, s.y - cr.y) < 3 && !isInjectedStar(scene, s))).toBe(false)
      }
    })
  }

  it('rejects saturated stars and stars at the edge', () => {
    const scene = makeScene({
      width: 512,
      height: 512,
      sky: 500,
      fwhmPx: 4,
      e1: 0,
      e2: 0,
      nStars: 9,
      fluxRange: [1e6, 2e6],
    })
    const cov = psfCovariance(4, 0, 0)
    for (const [x, y] of [
      [3, 200],
      [300, 508],
      [510, 40],
    ] as const)
      addStar(scene.pixels, 512, 512, { x, y, flux: 5e4 }, cov)
    const peak = scene.pixels.reduce((a, b) => Math.max(a, b))
    // Clip like a saturated amplifier.
    const saturation = 0.5 * peak
    for (let i = 0; i < scene.pixels.length; i++) scene.pixels[i] = Math.min(saturation, scene.pixels[i] as number)
    const bg = measureBackground(scene)
    const psf = measureStars(scene, bg, detectFootprints(scene, bg), {
      pixelScaleArcsec: PIXEL_SCALE,
      saturationElectrons: saturation,
    })
    expect(psf.rejected.edge).toBe(3)
    expect(psf.rejected.saturated).toBeGreaterThan(0)
    expect(psf.stars.every((s) => s.peak < saturation * 0.98)).toBe(true)
  })

  it('rejects close pairs as crowded', () => {
    const scene = makeScene({
      width: 256,
      height: 256,
      sky: 500,
      fwhmPx: 4,
      e1: 0,
      e2: 0,
      nStars: 1,
      seed: 2,
      margin: 100,
    })
    const [first] = scene.stars
    if (first === undefined) throw new Error('no star')
    // A twin 8 px away: either two peaks too close or one merged footprint.
    addStar(scene.pixels, 256, 256, { x: first.x + 8, y: first.y, flux: first.flux }, psfCovariance(4, 0, 0))
    const bg = measureBackground(scene)
    const psf = measureStars(scene, bg, detectFootprints(scene, bg), { pixelScaleArcsec: PIXEL_SCALE })
    expect(psf.stars.length).toBe(0)
    expect(psf.rejected.crowded + psf.rejected.blend).toBeGreaterThan(0)
  })
})
