// ----------------------------------------------------------------------------
// Field checks shared by the id builders: each returns the issues for one field
// (empty when it is fine), naming the field, the allowed range and what it got.
// ----------------------------------------------------------------------------
import { Controller } from '../identifiers/instruments.ts'
import { type Issue, issue } from '../result.ts'
import { type DayObs, parseDayObs } from '../time/day-obs.ts'

/** A value for a message; never throws (null-prototype objects have no toString). */
export function display(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`
  try {
    return String(value)
  } catch {
    return typeof value
  }
}

export function checkInteger(value: unknown, path: string, name: string, min: number, max: number, why = ''): Issue[] {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return []
  const got = typeof value === 'number' ? String(value) : typeof value === 'string' ? `'${value}'` : typeof value
  return [
    issue(path, `${name} must be an integer ${min}..${max}${why}; got ${got}`, {
      expected: `${min}..${max}`,
      received: value,
    }),
  ]
}

/** A numeric day_obs that is a real date within [min, max]. */
export function checkDayObs(value: unknown, path: string, min: DayObs, max: DayObs, why = ''): Issue[] {
  if (typeof value !== 'number') {
    return [
      issue(path, `dayObs must be an integer YYYYMMDD; got ${typeof value}`, { expected: 'YYYYMMDD', received: value }),
    ]
  }
  const parsed = parseDayObs(value, path)
  if (!parsed.ok) return [...parsed.issues]
  if (value < min || value > max) {
    return [
      issue(path, `dayObs must be ${min}..${max}${why}; got ${value}`, { expected: `${min}..${max}`, received: value }),
    ]
  }
  return []
}

export function checkController(value: unknown, path: string): Issue[] {
  if (Controller.is(value)) return []
  const parsed = Controller.parse(value, path)
  return parsed.ok ? [] : [...parsed.issues]
}

export function checkObject(value: unknown, path: string, shape: string): Issue[] {
  if (typeof value === 'object' && value !== null) return []
  return [
    issue(path, `expected an object ${shape}; got ${value === null ? 'null' : typeof value}`, { received: value }),
  ]
}

/** A non-negative safe integer from a number, a bigint or a decimal string (ids arrive as all three). */
export function toSafeInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined
  if (typeof value === 'bigint') {
    return value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined
  }
  if (typeof value === 'string' && /^\d{1,16}$/.test(value)) return toSafeInteger(Number(value))
  return undefined
}
