import { detectorByName, LSSTCAM_IMAGING_IDS, LSSTCAM_WAVEFRONT_IDS } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { layoutDetectors, quarterTurns, toCanvas } from './geometry.ts'

describe('focal-plane layout', () => {
  it('reduces yaws to quarter turns and refuses other angles', () => {
    expect([0, 90, 180, 270, 360, 450, 540, -90].map(quarterTurns)).toEqual([0, 1, 2, 3, 0, 1, 2, 3])
    expect(() => quarterTurns(45)).toThrow(/RA_PRODUCTS_BAD_INPUT/)
  })

  it('puts R22_S11 at the canvas centre and +y up, at 0.08 mm per pixel', () => {
    const layout = layoutDetectors('LSSTCam', LSSTCAM_IMAGING_IDS, 0.08)
    expect(layout.width).toBeGreaterThan(7800)
    expect(layout.width).toBeLessThan(8100)
    const centre = layout.placements.get(94)
    expect(centre?.cx).toBeCloseTo(layout.width / 2, 0)
    expect(centre?.cy).toBeCloseTo(layout.height / 2, 0)
    const top = detectorByName('LSSTCam', 'R43_S22')
    const p = layout.placements.get(top?.id ?? -1)
    expect(p?.cy).toBeLessThan(layout.height / 4)
    expect(toCanvas(layout, top?.xMm ?? 0, top?.yMm ?? 0).y).toBeCloseTo(p?.cy ?? 0, 6)
    // An e2v sensor is 40.96 mm wide: 512 pixels.
    expect((centre?.x1 ?? 0) - (centre?.x0 ?? 0)).toBe(512)
  })

  it('swaps footprint sides for a sensor turned by 90°', () => {
    const layout = layoutDetectors('LSSTCam', LSSTCAM_WAVEFRONT_IDS, 0.08)
    const sizes = [...layout.placements.values()].map((p) => [p.quarterTurns % 2, p.x1 - p.x0, p.y1 - p.y0])
    for (const [odd, w, h] of sizes) expect(odd === 1 ? [w, h] : [h, w]).toEqual([250, 509])
  })

  it('names unknown detectors', () => {
    expect(() => layoutDetectors('LSSTCam', [999], 0.1)).toThrow(/RA_PRODUCTS_UNKNOWN_DETECTOR.*no detector 999/)
  })
})
