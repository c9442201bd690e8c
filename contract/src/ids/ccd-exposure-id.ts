// ----------------------------------------------------------------------------
// ccdexposure ids (= ccdvisit ids) as ConsDB stores them: obs_lsst's
// RubinDimensionPacker with controllers enabled. It is NOT exposure_id*1000+detector:
//
//   detector + 256 × (seq_num + 32768 × (days since 2010-01-01 + 16384 × (controller_index + 8 × one_to_one)))
//
// controller_index is the position in O C H P Q S (8 slots reserved) with no dated
// exceptions, unlike exposure ids; `one_to_one` marks a visit re-interpreting the
// first snap of a multi-snap sequence and is always 0 for exposures.
// Verified vector: (20240403, seq 451, detector 0, S) → 730865976064 (ConsDB tests).
//
// Range: the largest id is 2·8·16384·32768·256 − 1 = 2^41 − 1 ≈ 2.2e12, far below
// 2^53, so plain doubles hold every id exactly; no BigInt is needed anywhere.
// ----------------------------------------------------------------------------
import { Controller } from '../identifiers/instruments.ts'
import { fail, type Issue, issue, ok, type Result } from '../result.ts'
import { type DayObs, dayObsToEpochDay, epochDayToDayObs } from '../time/day-obs.ts'
import { checkController, checkDayObs, checkInteger, checkObject, display, toSafeInteger } from './checks.ts'

const N_DETECTORS = 256
const N_SEQ_NUMS = 32_768
const N_DAYS = 16_384
const N_CONTROLLERS = 8
const N_VISIT_DEFINITIONS = 2
const DAY_OBS_BEGIN: DayObs = 20100101

export const CCD_EXPOSURE_ID_MAX = N_VISIT_DEFINITIONS * N_CONTROLLERS * N_DAYS * N_SEQ_NUMS * N_DETECTORS - 1
/**
 * First and last day_obs the packer can hold. obs_lsst's check also lets day N_DAYS
 * through, an off-by-one that would spill into the controller field; we do not.
 */
export const CCD_EXPOSURE_ID_FIRST_DAY: DayObs = DAY_OBS_BEGIN
export const CCD_EXPOSURE_ID_LAST_DAY: DayObs = epochDayToDayObs(dayObsToEpochDay(DAY_OBS_BEGIN) + N_DAYS - 1)

if (CCD_EXPOSURE_ID_MAX > Number.MAX_SAFE_INTEGER) throw new Error('ccdexposure ids must fit a double exactly')

export interface CcdExposureIdParts {
  readonly dayObs: DayObs
  readonly seqNum: number
  readonly controller: Controller
  readonly detector: number
}

function checkParts(parts: unknown): Issue[] {
  const shape = checkObject(parts, '', '{dayObs, seqNum, controller, detector}')
  if (shape.length > 0) return shape
  const { dayObs, seqNum, controller, detector } = parts as Record<string, unknown>
  const first = CCD_EXPOSURE_ID_FIRST_DAY
  const last = CCD_EXPOSURE_ID_LAST_DAY
  return [
    ...checkDayObs(dayObs, '/dayObs', first, last, ' for a ccdexposure id (16384 days from 2010-01-01)'),
    ...checkInteger(seqNum, '/seqNum', 'seqNum', 0, N_SEQ_NUMS - 1, ' for a ccdexposure id (15 bits)'),
    ...checkController(controller, '/controller'),
    ...checkInteger(detector, '/detector', 'detector', 0, N_DETECTORS - 1, ' for a ccdexposure id (8 bits)'),
  ]
}

/** Pack (dayObs, seqNum, controller, detector) into ConsDB's ccdexposure_id. */
export function ccdExposureId(parts: CcdExposureIdParts): Result<number> {
  const issues = checkParts(parts)
  if (issues.length > 0) return fail(...issues)
  const { dayObs, seqNum, controller, detector } = parts
  const day = dayObsToEpochDay(dayObs) - dayObsToEpochDay(DAY_OBS_BEGIN)
  const controllerIndex = Controller.values.indexOf(controller)
  // Every intermediate stays below CCD_EXPOSURE_ID_MAX < 2^53: exact integer arithmetic.
  return ok(detector + N_DETECTORS * (seqNum + N_SEQ_NUMS * (day + N_DAYS * controllerIndex)))
}

/** Inverse of ccdExposureId. Accepts a number, bigint or decimal string; refuses visit-only ids and unused slots. */
export function unpackCcdExposureId(id: unknown, path = ''): Result<CcdExposureIdParts> {
  const n = toSafeInteger(id)
  const expected = `an integer 0..${CCD_EXPOSURE_ID_MAX} packed by RubinDimensionPacker`
  if (n === undefined || n > CCD_EXPOSURE_ID_MAX) {
    return fail(
      issue(path, `ccdexposure id must be an integer 0..${CCD_EXPOSURE_ID_MAX}; got ${display(id)}`, {
        expected,
        received: id,
      }),
    )
  }
  const detector = n % N_DETECTORS
  let rest = Math.floor(n / N_DETECTORS)
  const seqNum = rest % N_SEQ_NUMS
  rest = Math.floor(rest / N_SEQ_NUMS)
  const day = rest % N_DAYS
  rest = Math.floor(rest / N_DAYS)
  const controllerIndex = rest % N_CONTROLLERS
  const oneToOne = Math.floor(rest / N_CONTROLLERS)
  if (oneToOne !== 0) {
    const message =
      `id ${n} has the one-to-one visit bit set: ` +
      'it is a ccdvisit id of a re-interpreted snap, not a ccdexposure id'
    return fail(issue(path, message, { expected, received: id }))
  }
  const controller = Controller.values[controllerIndex]
  if (controller === undefined) {
    const assigned = `0..${Controller.values.length - 1} (${Controller.values.join(' ')})`
    const message = `id ${n} uses controller slot ${controllerIndex}; only ${assigned} are assigned`
    return fail(issue(path, message, { expected, received: id }))
  }
  const dayObs = epochDayToDayObs(dayObsToEpochDay(DAY_OBS_BEGIN) + day)
  return ok({ dayObs, seqNum, controller, detector })
}
