// ----------------------------------------------------------------------------
// Obs ids (exposure names, raw file stems): {code}_{controller}_{YYYYMMDD}_{seq:06d},
// e.g. MC_O_20250415_000060. The two-letter code comes from INSTRUMENT_CODE;
// 'CC' serves both LSSTComCam and LSSTComCamSim, so parsing returns every
// instrument the code may stand for.
// ----------------------------------------------------------------------------
import { Controller, INSTRUMENT_CODE, Instrument } from '../identifiers/instruments.ts'
import { fail, type Issue, issue, ok, type Result } from '../result.ts'
import { DAY_OBS_MAX, DAY_OBS_MIN, type DayObs, parseDayObs } from '../time/day-obs.ts'
import { checkController, checkDayObs, checkInteger, checkObject, display } from './checks.ts'

export type InstrumentCode = (typeof INSTRUMENT_CODE)[Instrument]

export const OBS_ID_SEQ_MAX = 999_999

export interface ObsIdParts {
  readonly instrument: Instrument
  readonly controller: Controller
  readonly dayObs: DayObs
  readonly seqNum: number
}

export interface ParsedObsId {
  readonly instrumentCode: InstrumentCode
  /** Every instrument using that code, in Instrument order ('CC' → LSSTComCam, LSSTComCamSim). */
  readonly instruments: readonly Instrument[]
  readonly controller: Controller
  readonly dayObs: DayObs
  readonly seqNum: number
}

const CODES = [...new Set(Object.values(INSTRUMENT_CODE))]
const isInstrumentCode = (code: string): code is InstrumentCode => (CODES as readonly string[]).includes(code)
const OBS_ID_RE = /^([A-Z]{2})_([A-Z])_(\d{8})_(\d{6})$/
const SHAPE = '{code}_{controller}_{YYYYMMDD}_{seq:06d}'
const EXPECTED = `${SHAPE} with code one of ${CODES.join(', ')}, e.g. MC_O_20250415_000060`

function checkParts(parts: unknown): Issue[] {
  const shape = checkObject(parts, '', '{instrument, controller, dayObs, seqNum}')
  if (shape.length > 0) return shape
  const { instrument, controller, dayObs, seqNum } = parts as Record<string, unknown>
  const issues: Issue[] = []
  if (!Instrument.is(instrument)) {
    const expected = `one of: ${Instrument.values.join(', ')}`
    issues.push(issue('/instrument', `unknown Instrument ${display(instrument)}`, { expected, received: instrument }))
  }
  issues.push(...checkController(controller, '/controller'))
  issues.push(...checkDayObs(dayObs, '/dayObs', DAY_OBS_MIN, DAY_OBS_MAX))
  issues.push(...checkInteger(seqNum, '/seqNum', 'seqNum', 0, OBS_ID_SEQ_MAX, ' (6 digits in an obs id)'))
  return issues
}

export function obsId(parts: ObsIdParts): Result<string> {
  const issues = checkParts(parts)
  if (issues.length > 0) return fail(...issues)
  const { instrument, controller, dayObs, seqNum } = parts
  return ok(`${INSTRUMENT_CODE[instrument]}_${controller}_${dayObs}_${String(seqNum).padStart(6, '0')}`)
}

export function parseObsId(text: unknown, path = ''): Result<ParsedObsId> {
  if (typeof text !== 'string') {
    return fail(issue(path, `obs id must be a string; got ${typeof text}`, { expected: EXPECTED, received: text }))
  }
  const match = OBS_ID_RE.exec(text)
  if (match === null) {
    return fail(issue(path, `obs id must look like ${EXPECTED}; got '${text}'`, { expected: EXPECTED, received: text }))
  }
  const [, code = '', controller = '', date = '', seq = ''] = match
  const issues: Issue[] = []
  if (!isInstrumentCode(code)) {
    issues.push(
      issue(path, `obs id instrument code must be one of ${CODES.join(', ')}; got '${code}'`, { received: text }),
    )
  }
  if (!Controller.is(controller)) {
    const message = `obs id controller must be one of ${Controller.values.join(', ')}; got '${controller}'`
    issues.push(issue(path, message, { received: text }))
  }
  const dayObs = parseDayObs(date, path)
  if (!dayObs.ok) issues.push(...dayObs.issues)
  if (!isInstrumentCode(code) || !Controller.is(controller) || !dayObs.ok) return fail(...issues)
  const instruments = Instrument.values.filter((i) => INSTRUMENT_CODE[i] === code)
  return ok({ instrumentCode: code, instruments, controller, dayObs: dayObs.value, seqNum: Number(seq) })
}
