import { describe, expect, it } from 'vitest'
import { quantile, summarize } from './stats.ts'

describe('quantile', () => {
  it('uses the nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i) // 100..1, unsorted input
    expect(quantile(samples, 0.5)).toBe(50)
    expect(quantile(samples, 0.99)).toBe(99)
    expect(quantile(samples, 1)).toBe(100)
    expect(quantile([7], 0.99)).toBe(7)
    expect(quantile([], 0.5)).toBeUndefined()
  })

  it('summarizes with rounding and nulls for no data', () => {
    expect(summarize([1.234, 2.345, 3.456])).toEqual({ n: 3, p50: 2.35, p99: 3.46, max: 3.46 })
    expect(summarize([])).toEqual({ n: 0, p50: null, p99: null, max: null })
  })
})
