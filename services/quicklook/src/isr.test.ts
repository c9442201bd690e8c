import { describe, expect, it } from 'vitest'
import { makeScene, smallLayout, toRawAmps } from '../test/synthetic.ts'
import { QuicklookError } from './errors.ts'
import { assemble } from './isr.ts'

describe('ISR-lite', () => {
  const layout = smallLayout(64, 50, 1.5)
  const truth = (_: unknown, i: number) => ({ bias: 10000 + 1000 * i, gain: 1.5, readNoiseAdu: 0 })

  it('removes the overscan level, applies the gain and undoes the flips exactly (noise-free)', () => {
    // A ramp makes every misplaced or mirrored pixel visible.
    const width = layout.width
    const pixels = Float32Array.from(
      { length: layout.width * layout.height },
      (_, i) => 3 * ((i % width) + 7 * Math.floor(i / width)),
    )
    const raws = toRawAmps({ width, pixels }, layout, truth)
    const { image, amps } = assemble(raws, layout)
    expect(amps.map((a) => a.overscanLevel)).toEqual([10000, 11000, 12000, 13000])
    let worst = 0
    for (let i = 0; i < pixels.length; i++)
      worst = Math.max(worst, Math.abs((image.pixels[i] as number) - (pixels[i] as number)))
    expect(worst).toBeLessThanOrEqual(0.75) // rounding to whole ADU × gain 1.5
  })

  it('measures the read noise in the overscan and survives a hot overscan column', () => {
    const scene = makeScene({
      width: layout.width,
      height: layout.height,
      sky: 800,
      fwhmPx: 4,
      e1: 0,
      e2: 0,
      nStars: 2,
    })
    const raws = toRawAmps(scene, layout, () => ({ bias: 20000, gain: 1.5, readNoiseAdu: 6 }))
    const amp0 = layout.amplifiers[0]
    const raw0 = raws[0]
    if (amp0 === undefined || raw0 === undefined) throw new Error('layout')
    for (let y = 0; y < raw0.height; y++) raw0.pixels[y * raw0.width + amp0.rawSerialOverscanBBox.x + 5] = 65000
    const { amps } = assemble(raws, layout)
    for (const a of amps) {
      expect(Math.abs(a.overscanLevel - 20000)).toBeLessThan(1)
      expect(Math.abs(a.overscanNoise - 6)).toBeLessThan(0.6)
    }
  })

  it('per-row mode follows a bias that drifts along the readout', () => {
    const width = layout.width
    const pixels = new Float32Array(layout.width * layout.height).fill(100)
    const raws = toRawAmps({ width, pixels }, layout, truth)
    for (const raw of raws) {
      for (let i = 0; i < raw.pixels.length; i++)
        raw.pixels[i] = (raw.pixels[i] as number) + 2 * Math.floor(i / raw.width)
    }
    const flat = assemble(raws, layout, { overscan: 'row' }).image.pixels
    expect(Math.max(...flat.map((v) => Math.abs(v - 100)))).toBeLessThanOrEqual(0.75)
    const single = assemble(raws, layout, { overscan: 'amp' }).image.pixels
    expect(Math.max(...single.map((v) => Math.abs(v - 100)))).toBeGreaterThan(50)
  })

  it('uses the default gain where the layout has none and says so', () => {
    const noGain = smallLayout(64, 50, null)
    const pixels = new Float32Array(noGain.width * noGain.height).fill(300)
    const raws = toRawAmps({ width: noGain.width, pixels }, noGain, () => ({ bias: 1000, gain: 2, readNoiseAdu: 0 }))
    const r = assemble(raws, noGain, { defaultGain: 2 })
    expect(r.amps.every((a) => !a.gainKnown && a.gain === 2)).toBe(true)
    expect(r.image.pixels[0]).toBe(300)
  })

  it('rejects amplifier images of the wrong size with a stable code', () => {
    const raws = toRawAmps(
      { width: layout.width, pixels: new Float32Array(layout.width * layout.height) },
      layout,
      truth,
    )
    const bad = [...raws.slice(0, 3), { width: 10, height: 10, pixels: new Int32Array(100) }]
    expect(() => assemble(bad, layout)).toThrow(expect.objectContaining({ code: 'RA_QUICKLOOK_GEOMETRY_MISMATCH' }))
    expect(() => assemble(raws.slice(0, 2), layout)).toThrow(QuicklookError)
  })
})
