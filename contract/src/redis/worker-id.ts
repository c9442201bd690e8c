// ----------------------------------------------------------------------------
// Worker identity: today's familiar queue-name form, kept because operators read
// it in logs and on the cluster page. `{FLAVOUR}-{instrument}-{depth:03}[-{detector:03}]`,
// singletons `{FLAVOUR}-{instrument}`. The shape (which fields a flavour has) is
// WORKER_FLAVOUR_SHAPE; nothing else decides it.
// ----------------------------------------------------------------------------
import { INSTRUMENT_DETECTOR_COUNT, Instrument } from '../identifiers/instruments.ts'
import { WORKER_FLAVOUR_SHAPE, WorkerFlavour } from '../identifiers/workers.ts'
import { fail, type Issue, issue, ok, type Result } from '../result.ts'

/** A worker id string as built by `workerId` (e.g. `SFM_WORKER-LSSTCam-000-094`). */
export type WorkerId = string

export interface WorkerIdParts {
  readonly flavour: WorkerFlavour
  readonly instrument: Instrument
  /** Required for perDetector and perInstrument flavours, absent for singletons. */
  readonly depth?: number | undefined
  /** Required for perDetector flavours only. */
  readonly detector?: number | undefined
}

/** The parsed form: absent fields are omitted, never undefined. */
export interface ParsedWorkerId {
  readonly flavour: WorkerFlavour
  readonly instrument: Instrument
  readonly depth?: number
  readonly detector?: number
}

/** Depth and detector are written with three digits, so both must fit in 0..999. */
const MAX_THREE_DIGITS = 999

/** Regex source (no anchors, no capture groups) matching any well-formed worker id; used inside Redis key templates. */
export const WORKER_ID_PATTERN = `(?:${[...WorkerFlavour.values].join('|')})-(?:${[...Instrument.values]
  .sort((a, b) => b.length - a.length)
  .join('|')})(?:-\\d{3}(?:-\\d{3})?)?`

const pad3 = (n: number) => String(n).padStart(3, '0')

function checkNumber(path: string, value: number, max: number, what: string): Issue | undefined {
  if (Number.isInteger(value) && value >= 0 && value <= max) return undefined
  return issue(path, `${what} must be an integer in 0..${max}`, { expected: `0..${max}`, received: value })
}

function validate(parts: WorkerIdParts): Issue[] {
  const issues: Issue[] = []
  if (!WorkerFlavour.is(parts.flavour)) {
    issues.push(issue('/flavour', `unknown worker flavour '${String(parts.flavour)}'`, { received: parts.flavour }))
    return issues
  }
  if (!Instrument.is(parts.instrument)) {
    const expected = `one of: ${Instrument.values.join(', ')}`
    issues.push(issue('/instrument', `unknown instrument '${String(parts.instrument)}'`, { expected }))
    return issues
  }
  const shape = WORKER_FLAVOUR_SHAPE[parts.flavour]
  const wantsDepth = shape !== 'singleton'
  const wantsDetector = shape === 'perDetector'
  if (wantsDepth && parts.depth === undefined) {
    issues.push(issue('/depth', `${parts.flavour} is ${shape}: a depth is required`))
  } else if (!wantsDepth && parts.depth !== undefined) {
    issues.push(issue('/depth', `${parts.flavour} is a singleton: it has no depth`, { received: parts.depth }))
  } else if (parts.depth !== undefined) {
    const bad = checkNumber('/depth', parts.depth, MAX_THREE_DIGITS, 'depth')
    if (bad) issues.push(bad)
  }
  if (wantsDetector && parts.detector === undefined) {
    issues.push(issue('/detector', `${parts.flavour} is perDetector: a detector is required`))
  } else if (!wantsDetector && parts.detector !== undefined) {
    issues.push(issue('/detector', `${parts.flavour} is ${shape}: it has no detector`, { received: parts.detector }))
  } else if (parts.detector !== undefined) {
    // Detector ids are 0..n-1 for the instrument; a LATISS worker for detector 94 is a configuration bug.
    const bad = checkNumber('/detector', parts.detector, INSTRUMENT_DETECTOR_COUNT[parts.instrument] - 1, 'detector')
    if (bad) issues.push(bad)
  }
  return issues
}

/** Builds a worker id, refusing fields the flavour's shape does not have (or lacks). */
export function workerId(parts: WorkerIdParts): Result<WorkerId> {
  const issues = validate(parts)
  if (issues.length > 0) return fail(...issues)
  let id = `${parts.flavour}-${parts.instrument}`
  if (parts.depth !== undefined) id += `-${pad3(parts.depth)}`
  if (parts.detector !== undefined) id += `-${pad3(parts.detector)}`
  return ok(id)
}

const EXAMPLES = 'e.g. SFM_WORKER-LSSTCam-000-094, STEP1B_WORKER-LSSTCam-002, HEAD_NODE-LSSTCam'

/** Parses a worker id; only the canonical form (3-digit zero-padded numbers) is accepted, so ids round-trip. */
export function parseWorkerId(text: unknown, path = ''): Result<ParsedWorkerId> {
  if (typeof text !== 'string') return fail(issue(path, 'a worker id must be a string', { received: text }))
  const parts = text.split('-')
  const [flavour, instrument, depthText, detectorText] = parts
  if (parts.length < 2 || parts.length > 4 || flavour === undefined || instrument === undefined) {
    return fail(issue(path, `'${text}' is not a worker id`, { expected: EXAMPLES, received: text }))
  }
  if (!WorkerFlavour.is(flavour)) {
    return fail(
      issue(path, `unknown worker flavour '${flavour}' in '${text}'`, { expected: WorkerFlavour.values.join(', ') }),
    )
  }
  if (!Instrument.is(instrument)) {
    return fail(
      issue(path, `unknown instrument '${instrument}' in '${text}'`, { expected: Instrument.values.join(', ') }),
    )
  }
  const numbers: (number | undefined)[] = []
  for (const field of [depthText, detectorText]) {
    if (field === undefined) {
      numbers.push(undefined)
    } else if (/^\d{3}$/.test(field)) {
      numbers.push(Number(field))
    } else {
      return fail(
        issue(path, `'${field}' in '${text}' is not a 3-digit number`, { expected: EXAMPLES, received: text }),
      )
    }
  }
  const [depth, detector] = numbers
  const candidate: WorkerIdParts = { flavour, instrument, depth, detector }
  const issues = validate(candidate)
  if (issues.length > 0) return fail(...issues.map((i) => ({ ...i, path: `${path}${i.path}` })))
  return ok({
    flavour,
    instrument,
    ...(depth === undefined ? {} : { depth }),
    ...(detector === undefined ? {} : { detector }),
  })
}
