// The focal-plane mosaic through real sharp: geometry, missing detectors, timing.
import { detectorByName, LSSTCAM_WAVEFRONT_IDS } from '@rubin/ra-contract'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_MOSAIC_SCALE_MM,
  MOSAIC_BACKGROUND,
  MOSAIC_MISSING,
  renderDetectorImage,
  renderFocalPlaneMosaic,
  renderWavefrontMosaic,
  toCanvas,
} from '../src/index.ts'
import { binnedFocalPlane, keep, starField } from './fixtures.ts'

async function greyPixels(bytes: Buffer) {
  const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true })
  return {
    data,
    width: info.width,
    height: info.height,
    at: (x: number, y: number) => data[Math.round(y) * info.width + Math.round(x)] as number,
  }
}

describe('focal-plane mosaic', () => {
  const bright = detectorByName('LSSTCam', 'R41_S02')
  const missing = detectorByName('LSSTCam', 'R14_S10')
  if (bright === undefined || missing === undefined) throw new Error('fixture detectors not in the contract')

  it('puts each detector where the geometry says, blank where one is missing, in well under 2 s', async () => {
    const images = binnedFocalPlane([missing.id]).map((image) =>
      image.detector === bright.id ? { ...image, pixels: new Float32Array(image.pixels.length).fill(1e6) } : image,
    )
    expect(images).toHaveLength(188)
    const started = performance.now()
    const mosaic = await renderFocalPlaneMosaic(images, { format: 'png' })
    const elapsedMs = performance.now() - started
    expect(elapsedMs).toBeLessThan(2000)
    expect(mosaic.layout.scaleMm).toBe(DEFAULT_MOSAIC_SCALE_MM)
    const meta = await sharp(mosaic.bytes).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', mosaic.layout.width, mosaic.layout.height])
    const img = await greyPixels(mosaic.bytes)
    // The bright detector saturates at its focal-plane place (centre and near its corners) and nowhere else nearby.
    const b = toCanvas(mosaic.layout, bright.xMm, bright.yMm)
    const half = 18 / DEFAULT_MOSAIC_SCALE_MM // 18 mm: inside a 40 mm sensor, whose edge is at 20 mm
    const inside: [number, number][] = [
      [0, 0],
      [-half, -half],
      [half, half],
      [-half, half],
    ]
    for (const [dx, dy] of inside) {
      expect(img.at(b.x + dx, b.y + dy), `bright detector at (${b.x + dx}, ${b.y + dy})`).toBe(255)
    }
    expect(img.at(b.x + 2.2 * half, b.y)).toBeLessThan(255)
    // The missing detector is drawn as a uniform blank footprint.
    const m = toCanvas(mosaic.layout, missing.xMm, missing.yMm)
    const blank: [number, number][] = [
      [0, 0],
      [-half, half],
      [half, -half],
    ]
    for (const [dx, dy] of blank) expect(img.at(m.x + dx, m.y + dy)).toBe(MOSAIC_MISSING)
    // Outside the focal plane (the corner rafts are not imaging detectors) is background.
    expect(img.at(2, 2)).toBe(MOSAIC_BACKGROUND)
    console.info(`mosaic 188 detectors → ${mosaic.width}×${mosaic.height} PNG in ${elapsedMs.toFixed(0)} ms`)
  })

  it('encodes the default-scale JPEG with a title and keeps a sample', async () => {
    const images = binnedFocalPlane([missing.id])
    const started = performance.now()
    const mosaic = await renderFocalPlaneMosaic(images, { title: 'LSSTCam 2025-11-15 #226 post-ISR (test)' })
    const ms = performance.now() - started
    const meta = await sharp(mosaic.bytes).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', mosaic.width, mosaic.height])
    expect(mosaic.height).toBe(mosaic.layout.height + 36)
    keep('focal_plane_mosaic.jpg', mosaic.bytes)
    console.info(`mosaic JPEG default scale ${mosaic.width}×${mosaic.height} in ${ms.toFixed(0)} ms`)
  })

  it('turns rotated wavefront sensors by their yaw', async () => {
    // A gradient along image x: after a quarter turn it must run along canvas y.
    const images = LSSTCAM_WAVEFRONT_IDS.map((detector) => {
      const pixels = new Float32Array(509 * 250)
      for (let i = 0; i < pixels.length; i++) pixels[i] = i % 509
      return { detector, width: 509, height: 250, binning: 8, pixels }
    })
    const mosaic = await renderWavefrontMosaic(images, {
      format: 'png',
      scaling: { range: { kind: 'percentile', low: 0, high: 100 }, stretch: 'linear' },
    })
    const img = await greyPixels(mosaic.bytes)
    for (const [id, p] of mosaic.layout.placements) {
      const turns = p.quarterTurns
      const inset = 10
      // Sample both ends of the long side; the gradient increases towards image +x.
      const [a, b] =
        turns % 2 === 0
          ? [img.at(p.x0 + inset, p.cy), img.at(p.x1 - inset, p.cy)]
          : [img.at(p.cx, p.y1 - inset), img.at(p.cx, p.y0 + inset)]
      // q=0: +x → right; q=2: +x → left; q=1: +x → canvas up (y0); q=3: +x → canvas down.
      const increasing = turns === 0 || turns === 1
      expect(increasing ? b > a + 100 : a > b + 100, `detector ${id} turns ${turns}: ${a} → ${b}`).toBe(true)
    }
    keep('fp_pairing_plot.png', mosaic.bytes)
  })

  it('renders one detector image with zscale', async () => {
    const image = { width: 400, height: 300, pixels: starField(400, 300, 7) }
    const out = await renderDetectorImage(image, { title: 'Witness detector R22_S11' })
    const meta = await sharp(out.bytes).metadata()
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['jpeg', 400, 336, 3])
    keep('witness_detector.jpg', out.bytes)
  })
})
