// ----------------------------------------------------------------------------
// day_obs: the observing day as an integer YYYYMMDD. It is the UTC calendar date
// of the instant 12 hours earlier, so one Chilean night (evening to morning) has
// one day_obs and the day rolls over at 12:00 UTC.
//
// RubinTV (`get_current_day_obs`), RA and embargo-butler use UTC; obs_lsst and
// Prompt Processing take the date of TAI − 12 h, which rolls over 37 s earlier
// (TAI = UTC + 37 s). Only instants in 11:59:23..11:59:59 UTC differ; we follow
// RubinTV because its `datestamp` drives the web clients' rollover.
// ----------------------------------------------------------------------------
import { Type } from '@sinclair/typebox'
import { fail, issue, ok, type Result } from '../result.ts'

export const DAY_OBS_MIN = 19700101
export const DAY_OBS_MAX = 29991231
/** The observing day starts this many hours after UTC midnight. */
export const DAY_OBS_ROLLOVER_HOURS = 12

const MS_PER_DAY = 86_400_000
const ROLLOVER_MS = DAY_OBS_ROLLOVER_HOURS * 3_600_000

/** An observing day, YYYYMMDD. Plain number so it crosses JSON, Redis and SQL unchanged. */
export type DayObs = number

/** Schema for message fields. Bounds only: JSON Schema cannot say "a real calendar date", parseDayObs can. */
export const DayObs = Type.Integer({
  title: 'DayObs',
  description:
    'Observing day as an integer YYYYMMDD: the UTC calendar date of (instant − 12 h), ' +
    'so the day rolls over at 12:00 UTC. Must be a real calendar date.',
  minimum: DAY_OBS_MIN,
  maximum: DAY_OBS_MAX,
})

const EXPECTED = 'YYYYMMDD (number or string) or YYYY-MM-DD, a real calendar date from 1970-01-01 to 2999-12-31'

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Days in a month of the proleptic Gregorian calendar (month 1..12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function splitDayObs(n: number): { year: number; month: number; day: number } {
  return { year: Math.floor(n / 10_000), month: Math.floor(n / 100) % 100, day: n % 100 }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}

/** Why `n` is not a DayObs, or undefined when it is one. */
function dayObsProblem(n: number): string | undefined {
  if (!Number.isInteger(n)) return `dayObs must be an integer YYYYMMDD; got ${n}`
  if (n < DAY_OBS_MIN || n > DAY_OBS_MAX) {
    return `dayObs must be between ${DAY_OBS_MIN} and ${DAY_OBS_MAX}; got ${n}`
  }
  const { year, month, day } = splitDayObs(n)
  if (month < 1 || month > 12) return `dayObs ${n} is not a calendar date: month must be 01..12; got ${pad(month, 2)}`
  const last = daysInMonth(year, month)
  if (day < 1 || day > last) {
    return `dayObs ${n} is not a calendar date: ${year}-${pad(month, 2)} has days 01..${last}; got ${pad(day, 2)}`
  }
  return undefined
}

/** True for an integer YYYYMMDD that is a real date in 1970..2999. */
export function isDayObs(value: unknown): value is DayObs {
  return typeof value === 'number' && dayObsProblem(value) === undefined
}

/**
 * A day_obs from a number (20251203) or a string ('20251203' or '2025-12-03').
 * Refuses impossible dates (20250230) and anything else, saying what was expected.
 */
export function parseDayObs(input: unknown, path = ''): Result<DayObs> {
  let n: number
  if (typeof input === 'number') {
    n = input
  } else if (typeof input === 'string') {
    const compact = /^(\d{8})$/.exec(input)
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input)
    if (compact?.[1] !== undefined) n = Number(compact[1])
    else if (iso !== null) n = Number(`${iso[1]}${iso[2]}${iso[3]}`)
    else
      return fail(
        issue(path, `dayObs must be YYYYMMDD or YYYY-MM-DD; got '${input}'`, { expected: EXPECTED, received: input }),
      )
  } else {
    return fail(
      issue(path, `dayObs must be a number or a string; got ${typeof input}`, { expected: EXPECTED, received: input }),
    )
  }
  const problem = dayObsProblem(n)
  return problem === undefined ? ok(n) : fail(issue(path, problem, { expected: EXPECTED, received: input }))
}

// The formatters and arithmetic below take values already typed DayObs; handing them
// anything else is a programming error, so they throw rather than return a Result.
function assertDayObs(value: number): void {
  const problem = dayObsProblem(value)
  if (problem !== undefined) throw new RangeError(problem)
}

/** 20251203 → '2025-12-03' (the form used in S3 keys and RubinTV URLs). */
export function formatDayObs(dayObs: DayObs): string {
  assertDayObs(dayObs)
  const { year, month, day } = splitDayObs(dayObs)
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

/** Days since 1970-01-01 (proleptic Gregorian): the day arithmetic of ids and ranges. */
export function dayObsToEpochDay(dayObs: DayObs): number {
  assertDayObs(dayObs)
  const { year, month, day } = splitDayObs(dayObs)
  return Date.UTC(year, month - 1, day) / MS_PER_DAY
}

/** Inverse of dayObsToEpochDay. Throws when the day falls outside 1970..2999. */
export function epochDayToDayObs(epochDay: number): DayObs {
  if (!Number.isInteger(epochDay)) throw new RangeError(`epoch day must be an integer; got ${epochDay}`)
  const date = new Date(epochDay * MS_PER_DAY)
  const n = date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate()
  assertDayObs(n)
  return n
}

/** The day_obs an instant belongs to: the UTC date of (instant − 12 h). */
export function dayObsOf(instant: Date): DayObs {
  const ms = instant.getTime()
  if (Number.isNaN(ms)) throw new RangeError('dayObsOf needs a valid Date; got Invalid Date')
  return epochDayToDayObs(Math.floor((ms - ROLLOVER_MS) / MS_PER_DAY))
}

/** First instant of a day_obs: 12:00:00.000 UTC on its date. */
export function dayObsStart(dayObs: DayObs): Date {
  return new Date(dayObsToEpochDay(dayObs) * MS_PER_DAY + ROLLOVER_MS)
}

/** First instant after a day_obs (exclusive end): 12:00 UTC on the next date. */
export function dayObsEnd(dayObs: DayObs): Date {
  return new Date(dayObsToEpochDay(dayObs) * MS_PER_DAY + ROLLOVER_MS + MS_PER_DAY)
}

export function nextDayObs(dayObs: DayObs): DayObs {
  return epochDayToDayObs(dayObsToEpochDay(dayObs) + 1)
}

export function previousDayObs(dayObs: DayObs): DayObs {
  return epochDayToDayObs(dayObsToEpochDay(dayObs) - 1)
}

/** Every day_obs from `first` to `last` inclusive, in order (empty when last < first). */
export function dayObsRange(first: DayObs, last: DayObs): DayObs[] {
  const from = dayObsToEpochDay(first)
  const to = dayObsToEpochDay(last)
  const days: DayObs[] = []
  for (let d = from; d <= to; d++) days.push(epochDayToDayObs(d))
  return days
}
