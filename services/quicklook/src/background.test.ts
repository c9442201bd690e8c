import { describe, expect, it } from 'vitest'
import { makeScene } from '../test/synthetic.ts'
import { measureBackground } from './background.ts'

describe('mesh background', () => {
  it('measures sky within 0.2 % and noise within 3 % under stars, cosmic rays and a hot column', () => {
    const scene = makeScene({
      width: 1024,
      height: 1000,
      sky: 1200,
      readNoise: 8,
      fwhmPx: 4,
      e1: 0,
      e2: 0,
      nStars: 80,
      cosmicRays: 200,
      hotColumns: [300],
      seed: 4,
    })
    const bg = measureBackground(scene)
    expect(Math.abs(bg.sky / 1200 - 1)).toBeLessThan(0.002)
    expect(Math.abs(bg.skyNoise / Math.sqrt(1200 + 64) - 1)).toBeLessThan(0.03)
  })

  it('follows a gradient between cell centres', () => {
    const width = 1024
    const height = 512
    const pixels = Float32Array.from({ length: width * height }, (_, i) => 1000 + (i % width) * 0.5)
    const bg = measureBackground({ width, height, pixels }, { cellSize: 128 })
    const row = new Float32Array(width)
    bg.row(200, row)
    for (const x of [100, 400, 700, 900]) {
      expect(Math.abs((row[x] as number) - (1000 + x * 0.5))).toBeLessThan(1)
      expect(Math.abs(bg.at(x, 200) - (1000 + x * 0.5))).toBeLessThan(1)
    }
  })
})
