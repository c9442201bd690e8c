// The seenExposures trim window: calendar days, one controller band at a time.
import { exposureId } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { trimRange } from './announce.ts'

describe('trimRange', () => {
  it('trims ids more than the given days older than the record, within its controller band', () => {
    expect(trimRange({ dayObs: 20250415, controller: 'O' }, 3)).toEqual([2_000_000_000_000, 2025041200000])
  })

  it('counts calendar days across a month end', () => {
    expect(trimRange({ dayObs: 20250302, controller: 'O' }, 3)[1]).toBe(2025022700000)
  })

  it('never reaches into another controller band (an H exposure must not trim the O ids)', () => {
    const [low, first] = trimRange({ dayObs: 20250415, controller: 'H' }, 3)
    const oId = exposureId({ dayObs: 20250414, seqNum: 1, controller: 'O' })
    expect(oId.ok && (oId.value < low || oId.value >= first)).toBe(true)
    expect(low).toBe(4_000_000_000_000)
  })
})
