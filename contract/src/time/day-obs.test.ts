import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DAY_OBS_MAX,
  DAY_OBS_MIN,
  DayObs,
  dayObsEnd,
  dayObsOf,
  dayObsRange,
  dayObsStart,
  formatDayObs,
  isDayObs,
  nextDayObs,
  parseDayObs,
  previousDayObs,
} from './day-obs.ts'

const HOUR = 3_600_000
const FIRST_MS = Date.UTC(1970, 0, 1, 12)
const LAST_MS = Date.UTC(3000, 0, 1, 12) - 1
// Uniform instants rarely land near a rollover, so half the samples sit within a second of one.
const nearRollover = fc
  .tuple(fc.integer({ min: 1, max: 375_000 }), fc.integer({ min: -1000, max: 1000 }))
  .map(([day, offset]) => FIRST_MS + day * 24 * HOUR + offset)
const instants = fc.oneof(fc.integer({ min: FIRST_MS, max: LAST_MS }), nearRollover).map((ms) => new Date(ms))
const dayObsValues = instants.map(dayObsOf)

describe('dayObsOf', () => {
  it('rolls over at 12:00 UTC', () => {
    expect(dayObsOf(new Date('2025-12-03T11:59:59.999Z'))).toBe(20251202)
    expect(dayObsOf(new Date('2025-12-03T12:00:00.000Z'))).toBe(20251203)
  })

  it('agrees with an independent oracle: the ISO date of the instant minus 12 hours', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const oracle = new Date(instant.getTime() - 12 * HOUR).toISOString().slice(0, 10)
        expect(formatDayObs(dayObsOf(instant))).toBe(oracle)
      }),
    )
  })

  it('puts every instant inside the [start, end) span of its day_obs', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const day = dayObsOf(instant)
        expect(dayObsStart(day).getTime()).toBeLessThanOrEqual(instant.getTime())
        expect(instant.getTime()).toBeLessThan(dayObsEnd(day).getTime())
      }),
    )
  })

  it('throws on an Invalid Date or an instant outside 1970..2999 (programming errors)', () => {
    expect(() => dayObsOf(new Date(Number.NaN))).toThrow(RangeError)
    expect(() => dayObsOf(new Date('1970-01-01T11:00:00Z'))).toThrow(/19700101/)
  })
})

describe('parseDayObs', () => {
  it('accepts the three spellings of one day', () => {
    for (const input of [20251203, '20251203', '2025-12-03'])
      expect(parseDayObs(input)).toEqual({ ok: true, value: 20251203 })
  })

  it('round-trips every day_obs through both text forms', () => {
    fc.assert(
      fc.property(dayObsValues, (day) => {
        expect(parseDayObs(formatDayObs(day))).toEqual({ ok: true, value: day })
        expect(parseDayObs(String(day))).toEqual({ ok: true, value: day })
      }),
    )
  })

  it('refuses impossible dates, naming the month length', () => {
    const result = parseDayObs(20250230, '/dayObs')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues[0]).toMatchObject({ path: '/dayObs', received: 20250230 })
    expect(result.issues[0]?.message).toBe('dayObs 20250230 is not a calendar date: 2025-02 has days 01..28; got 30')
  })

  it('follows the Gregorian leap-year rule', () => {
    expect(parseDayObs(20240229).ok).toBe(true)
    expect(parseDayObs(20000229).ok).toBe(true)
    expect(parseDayObs(21000229).ok).toBe(false)
    expect(parseDayObs(20230229).ok).toBe(false)
  })

  it('refuses other shapes and types without throwing', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true }), (input) => {
        const result = parseDayObs(input)
        if (!result.ok) expect(result.issues[0]?.message).toMatch(/dayObs/)
        else expect(isDayObs(result.value)).toBe(true)
      }),
    )
    expect(parseDayObs('2025-12-3').ok).toBe(false)
    expect(parseDayObs(' 20251203').ok).toBe(false)
  })
})

describe('day arithmetic', () => {
  it('next and previous are inverse and one day apart', () => {
    fc.assert(
      fc.property(dayObsValues, (day) => {
        fc.pre(day !== DAY_OBS_MAX && day !== DAY_OBS_MIN)
        expect(previousDayObs(nextDayObs(day))).toBe(day)
        expect(dayObsStart(nextDayObs(day)).getTime() - dayObsStart(day).getTime()).toBe(24 * HOUR)
      }),
    )
    expect(nextDayObs(20241231)).toBe(20250101)
    expect(previousDayObs(20240301)).toBe(20240229)
  })

  it('lists a range inclusively, across month ends', () => {
    expect(dayObsRange(20240228, 20240302)).toEqual([20240228, 20240229, 20240301, 20240302])
    expect(dayObsRange(20240302, 20240228)).toEqual([])
  })

  it('refuses to step past the representable range', () => {
    expect(() => nextDayObs(DAY_OBS_MAX)).toThrow(RangeError)
    expect(() => formatDayObs(20250230)).toThrow(/not a calendar date/)
  })
})

describe('DayObs schema', () => {
  it('is a titled integer schema with the contract bounds', () => {
    expect(DayObs).toMatchObject({ type: 'integer', title: 'DayObs', minimum: 19700101, maximum: 29991231 })
    expect(DayObs.description).toMatch(/12 h/)
  })
})
