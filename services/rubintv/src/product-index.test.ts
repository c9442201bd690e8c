import { describe, expect, it } from 'vitest'
import { ProductIndex } from './product-index.ts'

describe('ProductIndex memory bound', () => {
  it('drops the least recently used past day beyond the bound, never the current or a watched day', () => {
    const evicted: number[] = []
    const watched = new Set([20260101])
    const index = new ProductIndex({
      maxPastDays: 3,
      currentDay: () => 20260110,
      pinned: (_l, _c, d) => watched.has(d),
    })
    index.onEvict((_l, _c, d) => evicted.push(d))
    for (const d of [20260110, 20260101, 20260102, 20260103, 20260104]) index.day('local', 'lsstcam', d)
    // Four past days, bound 3: the oldest unwatched one (02) goes; the watched 01 stays.
    expect(evicted).toEqual([20260102])
    index.day('local', 'lsstcam', 20260103) // used again: now the most recent
    index.day('local', 'lsstcam', 20260105)
    expect(evicted).toEqual([20260102, 20260104])
    for (const d of [20260110, 20260101, 20260103, 20260105]) expect(index.has('local', 'lsstcam', d)).toBe(true)
    expect(index.size).toBe(4)
  })
})
