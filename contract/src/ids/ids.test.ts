import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Controller, Instrument } from '../identifiers/instruments.ts'
import { dayObsOf } from '../time/day-obs.ts'
import {
  CCD_EXPOSURE_ID_LAST_DAY,
  CCD_EXPOSURE_ID_MAX,
  ccdExposureId,
  exposureId,
  obsId,
  parseExposureId,
  parseObsId,
  unpackCcdExposureId,
} from './index.ts'

const dayIn = (fromYear: number, toYear: number) =>
  fc
    .integer({ min: Date.UTC(fromYear, 0, 1, 12), max: Date.UTC(toYear + 1, 0, 1, 11) })
    .map((ms) => dayObsOf(new Date(ms)))
const controllers = fc.constantFrom(...Controller.values)

function value<T>(result: { ok: true; value: T } | { ok: false; issues: readonly unknown[] }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.issues)}`)
  return result.value
}

describe('exposure ids', () => {
  it('round-trip: the id gives back day and seq, and lists the controller among the candidates', () => {
    fc.assert(
      fc.property(dayIn(2000, 2999), fc.integer({ min: 0, max: 99_999 }), controllers, (dayObs, seqNum, controller) => {
        const id = value(exposureId({ dayObs, seqNum, controller }))
        const parsed = value(parseExposureId(id))
        expect(parsed).toMatchObject({ dayObs, seqNum })
        expect(parsed.possibleControllers).toContain(controller)
        // Each candidate really yields the same id: the ambiguity is real, not an artefact.
        for (const c of parsed.possibleControllers)
          expect(exposureId({ dayObs, seqNum, controller: c })).toEqual({ ok: true, value: id })
      }),
    )
  })

  it('applies the dated exceptions on their exact boundary days', () => {
    expect(value(exposureId({ dayObs: 20231004, seqNum: 1, controller: 'C' }))).toBe(3023100400001)
    expect(value(exposureId({ dayObs: 20231005, seqNum: 1, controller: 'C' }))).toBe(2023100500001)
    expect(value(exposureId({ dayObs: 20250417, seqNum: 1, controller: 'S' }))).toBe(7025041700001)
    expect(value(exposureId({ dayObs: 20250418, seqNum: 1, controller: 'S' }))).toBe(2025041800001)
  })

  it('refuses out-of-range parts with one issue per field, and never throws on junk', () => {
    const result = exposureId({ dayObs: 20250230, seqNum: 123456, controller: 'X' as Controller })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((i) => i.path)).toEqual(['/dayObs', '/seqNum', '/controller'])
    expect(result.issues[1]?.message).toBe(
      'seqNum must be an integer 0..99999 (5 digits in an exposure id); got 123456',
    )
    expect(exposureId(null as never).ok).toBe(false)
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true }),
          fc.integer({ min: 0, max: 9_999_999_999_999 }),
        ),
        (junk) => {
          const parsed = parseExposureId(junk)
          // Anything accepted must be a genuine id: rebuilding it gives the same number.
          if (parsed.ok) expect(exposureId(parsed.value)).toEqual({ ok: true, value: Number(junk) })
          else expect(parsed.issues[0]?.message).toMatch(/exposure id/)
        },
      ),
    )
  })
})

describe('ccdexposure ids', () => {
  const parts = fc.record({
    dayObs: dayIn(2010, 2053),
    seqNum: fc.integer({ min: 0, max: 32_767 }),
    controller: controllers,
    detector: fc.integer({ min: 0, max: 255 }),
  })

  it('matches the RubinDimensionPacker formula computed independently with BigInt', () => {
    const epochDay = (d: number) =>
      BigInt(Date.UTC(Math.floor(d / 10_000), (Math.floor(d / 100) % 100) - 1, d % 100) / 86_400_000)
    fc.assert(
      fc.property(parts, (p) => {
        const days = epochDay(p.dayObs) - epochDay(20100101)
        const index = BigInt(Controller.values.indexOf(p.controller))
        const expected = BigInt(p.detector) + 256n * (BigInt(p.seqNum) + 32768n * (days + 16384n * index))
        expect(BigInt(value(ccdExposureId(p)))).toBe(expected)
      }),
    )
  })

  it('round-trips through unpack, and every id is an exact double below 2^53', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const id = value(ccdExposureId(p))
        expect(Number.isSafeInteger(id)).toBe(true)
        expect(id).toBeLessThanOrEqual(CCD_EXPOSURE_ID_MAX)
        expect(unpackCcdExposureId(id)).toEqual({ ok: true, value: p })
        expect(unpackCcdExposureId(BigInt(id))).toEqual({ ok: true, value: p })
      }),
    )
    expect(CCD_EXPOSURE_ID_MAX).toBe(2 ** 41 - 1)
    expect(CCD_EXPOSURE_ID_MAX).toBeLessThan(Number.MAX_SAFE_INTEGER)
  })

  it('holds 16384 days from 2010-01-01 and refuses the day after', () => {
    expect(CCD_EXPOSURE_ID_LAST_DAY).toBe(20541109)
    const refused = ccdExposureId({ dayObs: 20541110, seqNum: 0, controller: 'O', detector: 0 })
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.issues[0]?.message).toMatch(/^dayObs must be 20100101\.\.20541109 for a ccdexposure id/)
  })

  it('is not exposure_id * 1000 + detector', () => {
    const id = value(ccdExposureId({ dayObs: 20240403, seqNum: 451, controller: 'S', detector: 3 }))
    expect(id).toBe(730865976067)
    expect(id).not.toBe(7024040300451 * 1000 + 3)
  })
})

describe('obs ids', () => {
  it('round-trips, reporting every instrument that shares the code', () => {
    const instruments = fc.constantFrom(...Instrument.values)
    fc.assert(
      fc.property(instruments, controllers, dayIn(1970, 2999), fc.integer({ min: 0, max: 999_999 }), (i, c, d, s) => {
        const text = value(obsId({ instrument: i, controller: c, dayObs: d, seqNum: s }))
        expect(text).toMatch(/^[A-Z]{2}_[A-Z]_\d{8}_\d{6}$/)
        const parsed = value(parseObsId(text))
        expect(parsed).toMatchObject({ controller: c, dayObs: d, seqNum: s })
        expect(parsed.instruments).toContain(i)
      }),
    )
  })

  it('names the part that is wrong', () => {
    const result = parseObsId('MC_Z_20250230_000060')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((i) => i.message)).toEqual([
      "obs id controller must be one of O, C, H, P, Q, S; got 'Z'",
      'dayObs 20250230 is not a calendar date: 2025-02 has days 01..28; got 30',
    ])
  })
})
