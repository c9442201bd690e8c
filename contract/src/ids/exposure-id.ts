// ----------------------------------------------------------------------------
// Exposure ids (= visit ids for visit system 1), as obs_lsst computes them:
// the decimal digits YYYYMMDD followed by seq_num padded to 5 digits, where
// controllers other than O add index × 10,000,000 to YYYYMMDD (+1000 years per
// index in O C H P Q S). Two dated exceptions: once a controller's counter was
// unified with the OCS counter its ids carry no offset, C after 2023-10-04 and
// P/Q/S after 2025-04-17 (obs_lsst `compute_exposure_id`, strict "after").
// Example: ComCamSim controller S, 2024-04-03, seq 451 → 7024040300451.
// ----------------------------------------------------------------------------
import { Controller } from '../identifiers/instruments.ts'
import { fail, type Issue, issue, ok, type Result } from '../result.ts'
import { type DayObs, parseDayObs } from '../time/day-obs.ts'
import { checkController, checkDayObs, checkInteger, checkObject, display, toSafeInteger } from './checks.ts'

export const EXPOSURE_ID_SEQ_DIGITS = 5
export const EXPOSURE_ID_SEQ_MAX = 10 ** EXPOSURE_ID_SEQ_DIGITS - 1
/** Added to YYYYMMDD once per controller index: one thousand years. */
export const CONTROLLER_INCREMENT = 10_000_000

/** Last day_obs on which a controller's ids still carry its offset (its counter was unified after it). */
export const CONTROLLER_OFFSET_LAST_DAY: Readonly<Partial<Record<Controller, DayObs>>> = {
  C: 20231004,
  P: 20250417,
  Q: 20250417,
  S: 20250417,
}

// Years 2000..2999 only: a 1xxx year would decode as a negative controller index,
// and with the largest offset (+5000 years) the leading digits stay within 2..7.
const MIN_DAY_OBS = 20000101
const MAX_DAY_OBS = 29991231
const SEQ_FACTOR = 10 ** EXPOSURE_ID_SEQ_DIGITS

export interface ExposureIdParts {
  readonly dayObs: DayObs
  readonly seqNum: number
  readonly controller: Controller
}

export interface ParsedExposureId extends ExposureIdParts {
  /**
   * Every controller that yields this id. An id with no offset is O, but also C
   * after 2023-10-04 and P, Q or S after 2025-04-17: the id alone cannot tell them
   * apart, so `controller` is the first candidate (O) and this lists them all.
   */
  readonly possibleControllers: readonly Controller[]
}

/** The controller's offset index on that day (0 when it carries none). */
export function controllerOffsetIndex(controller: Controller, dayObs: DayObs): number {
  const lastDay = CONTROLLER_OFFSET_LAST_DAY[controller]
  if (lastDay !== undefined && dayObs > lastDay) return 0
  return Controller.values.indexOf(controller)
}

function checkParts(parts: unknown): Issue[] {
  const shape = checkObject(parts, '', '{dayObs, seqNum, controller}')
  if (shape.length > 0) return shape
  const { dayObs, seqNum, controller } = parts as Record<string, unknown>
  return [
    ...checkDayObs(dayObs, '/dayObs', MIN_DAY_OBS, MAX_DAY_OBS, ' (years 2000..2999) for an exposure id'),
    ...checkInteger(seqNum, '/seqNum', 'seqNum', 0, EXPOSURE_ID_SEQ_MAX, ' (5 digits in an exposure id)'),
    ...checkController(controller, '/controller'),
  ]
}

/** obs_lsst's exposure id. Refuses (never throws on) out-of-range parts. */
export function exposureId(parts: ExposureIdParts): Result<number> {
  const issues = checkParts(parts)
  if (issues.length > 0) return fail(...issues)
  const { dayObs, seqNum, controller } = parts
  const shifted = dayObs + controllerOffsetIndex(controller, dayObs) * CONTROLLER_INCREMENT
  // At most 79991231_99999 < 2^53, so the double is exact.
  return ok(shifted * SEQ_FACTOR + seqNum)
}

/** Best-effort inverse of exposureId (see ParsedExposureId for the ambiguity). Accepts a number, bigint or digits. */
export function parseExposureId(id: unknown, path = ''): Result<ParsedExposureId> {
  const expected = 'YYYYMMDD (+ controller offset) followed by a 5-digit seq_num, e.g. 2025041500060'
  const n = toSafeInteger(id)
  if (n === undefined) {
    return fail(
      issue(path, `exposure id must be a non-negative integer; got ${display(id)}`, { expected, received: id }),
    )
  }
  const seqNum = n % SEQ_FACTOR
  const shifted = Math.floor(n / SEQ_FACTOR)
  const index = Math.floor(shifted / CONTROLLER_INCREMENT) - 2
  const controller = Controller.values[index]
  if (controller === undefined) {
    const years = 'years 2000..7999 (controller offsets 0..5)'
    const message = `exposure id ${n} must start with YYYYMMDD in ${years}; got ${shifted}`
    return fail(issue(path, message, { expected, received: id }))
  }
  const dayObs = shifted - index * CONTROLLER_INCREMENT
  const date = parseDayObs(dayObs, path)
  if (!date.ok) {
    return fail(
      issue(path, `exposure id ${n} holds no valid day_obs: ${date.issues[0]?.message}`, { expected, received: id }),
    )
  }
  const possibleControllers = Controller.values.filter((c) => controllerOffsetIndex(c, dayObs) === index)
  const first = possibleControllers[0]
  if (first === undefined) {
    const lastDay = CONTROLLER_OFFSET_LAST_DAY[controller]
    const message =
      `exposure id ${n} carries controller ${controller}'s offset on ${dayObs}, ` +
      `but ${controller} ids carry no offset after ${lastDay}`
    return fail(issue(path, message, { expected, received: id }))
  }
  return ok({ dayObs, seqNum, controller: first, possibleControllers })
}
