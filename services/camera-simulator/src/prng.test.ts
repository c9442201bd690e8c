import { describe, expect, it } from 'vitest'
import { createRng, streamSeed } from './prng.ts'

describe('seeded PRNG', () => {
  it('repeats a stream for the same seed and differs for another', () => {
    const a = createRng(42)
    const b = createRng(42)
    const c = createRng(43)
    const seqA = Array.from({ length: 5 }, () => a.uniform())
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(seqA)
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(seqA)
  })

  it('derives distinct, stable stream seeds from labels', () => {
    expect(streamSeed(1, 'x', 94)).toBe(streamSeed(1, 'x', 94))
    expect(streamSeed(1, 'x', 94)).not.toBe(streamSeed(1, 'x', 95))
    expect(streamSeed(1, 'x', 94)).not.toBe(streamSeed(2, 'x', 94))
  })

  it('draws normal and Poisson deviates with the right mean and variance', () => {
    const rng = createRng(7)
    const n = 40_000
    const normals = Array.from({ length: n }, () => rng.normal())
    const mean = normals.reduce((s, v) => s + v, 0) / n
    const variance = normals.reduce((s, v) => s + (v - mean) ** 2, 0) / n
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(Math.abs(variance - 1)).toBeLessThan(0.03)
    for (const lambda of [3, 500]) {
      const draws = Array.from({ length: 20_000 }, () => rng.poisson(lambda))
      const m = draws.reduce((s, v) => s + v, 0) / draws.length
      expect(Math.abs(m - lambda) / lambda).toBeLessThan(0.03)
      expect(draws.every((v) => Number.isInteger(v) && v >= 0)).toBe(true)
    }
  })
})
