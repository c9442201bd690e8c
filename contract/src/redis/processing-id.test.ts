// Processing ids are canonical: one spelling per set of exposures.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseProcessingId, processingId } from './processing-id.ts'

describe('processing ids', () => {
  it('sorts and de-duplicates, as today’s main does for pairs', () => {
    expect(processingId([2025111500228, 2025111500227])).toEqual({ ok: true, value: '2025111500227+2025111500228' })
    expect(processingId([2025111500226, 2025111500226])).toEqual({ ok: true, value: '2025111500226' })
  })

  it('round-trips any set of ids', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: 4 }), (ids) => {
        const id = processingId(ids)
        if (!id.ok) throw new Error('refused')
        expect(parseProcessingId(id.value)).toEqual({ ok: true, value: [...new Set(ids)].sort((a, b) => a - b) })
      }),
    )
  })

  it('refuses empty, negative and non-canonical ids', () => {
    expect(processingId([]).ok).toBe(false)
    expect(processingId([-1]).ok).toBe(false)
    expect(processingId([1.5]).ok).toBe(false)
    for (const text of ['', '2+1', '1+1', '01', '1+', '+1', 'a', '99999999999999999999']) {
      expect(parseProcessingId(text).ok, text).toBe(false)
    }
  })
})
