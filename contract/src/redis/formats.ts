// ----------------------------------------------------------------------------
// Parameter formats for Redis key templates, declared once. A placeholder
// `{name}` uses the format called `name`; `{name:format}` names it explicitly
// (`{visit:id}`, `{instrument:instrumentUpper}`). Each format says how a value is
// written into a key, the regex that finds it again, and how it is read back.
// ----------------------------------------------------------------------------
import { ControlName } from '../controls/names.ts'
import { Instrument } from '../identifiers/instruments.ts'
import { Who } from '../identifiers/pipelines.ts'
import { isDayObs } from '../time/day-obs.ts'
import { ClusterStatusSet } from './cluster-status-sets.ts'
import { PROCESSING_ID_PATTERN, parseProcessingId } from './processing-id.ts'
import { parseWorkerId, WORKER_ID_PATTERN } from './worker-id.ts'

/** The TypeScript type of each format's values. */
export interface FormatTypes {
  instrument: Instrument
  instrumentUpper: Instrument
  workerId: string
  processingId: string
  id: number
  who: Who
  dayObs: number
  control: ControlName
  set: ClusterStatusSet
}
export type FormatName = keyof FormatTypes

export interface ParamFormat<T> {
  readonly description: string
  /** Regex source without anchors or capturing groups. */
  readonly pattern: string
  /** Whether a runtime value belongs to the format (builders check before writing a key). */
  readonly check: (value: unknown) => value is T
  readonly render: (value: T) => string
  /** The value a matched key segment stands for (the segment already matched `pattern`). */
  readonly read: (text: string) => T | undefined
}

const alternation = (values: readonly string[]) =>
  // Longest first, so LSSTComCamSim is tried before LSSTComCam.
  `(?:${[...values].sort((a, b) => b.length - a.length).join('|')})`

const fromSet = <T extends string>(set: { values: readonly T[]; is(v: unknown): v is T }, description: string) =>
  ({
    description,
    pattern: alternation(set.values),
    check: set.is,
    render: (value: T) => value,
    read: (text: string) => (set.is(text) ? text : undefined),
  }) satisfies ParamFormat<T>

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0

const upperToInstrument = new Map(Instrument.values.map((i) => [i.toUpperCase(), i]))

export const FORMATS: { readonly [F in FormatName]: ParamFormat<FormatTypes[F]> } = {
  instrument: fromSet(Instrument, 'An instrument as the butler names it (LSSTCam).'),
  instrumentUpper: {
    description: 'An instrument, written upper-cased (LSSTCAM), as MTAOS expects.',
    pattern: alternation([...upperToInstrument.keys()]),
    check: Instrument.is,
    render: (value) => value.toUpperCase(),
    read: (text) => upperToInstrument.get(text),
  },
  workerId: {
    description: 'A worker id (SFM_WORKER-LSSTCam-000-094).',
    pattern: WORKER_ID_PATTERN,
    check: (value): value is string => parseWorkerId(value).ok,
    render: (value) => value,
    read: (text) => (parseWorkerId(text).ok ? text : undefined),
  },
  processingId: {
    description: 'An exposure or visit id, or ascending ids joined by + for multi-exposure payloads.',
    pattern: PROCESSING_ID_PATTERN,
    check: (value): value is string => parseProcessingId(value).ok,
    render: (value) => value,
    read: (text) => (parseProcessingId(text).ok ? text : undefined),
  },
  id: {
    description: 'An exposure or visit id (dayObs × 100000 + seqNum).',
    pattern: '\\d+',
    check: isId,
    render: (value) => String(value),
    read: (text) => {
      const n = Number(text)
      return isId(n) && String(n) === text ? n : undefined
    },
  },
  who: fromSet(Who, 'The processing branch (SFM, AOS, ISR, ONE_OFF).'),
  dayObs: {
    description: 'An observing day as YYYYMMDD (the date of UTC−12 h).',
    pattern: '\\d{8}',
    check: isDayObs,
    render: (value) => String(value),
    read: (text) => {
      const n = Number(text)
      return isDayObs(n) ? n : undefined
    },
  },
  control: fromSet(ControlName, 'A control name (AOS_PIPELINE, RESET_SFM_SET_0, …).'),
  set: fromSet(ClusterStatusSet, 'A cluster-status set (SFM_SET_0, OTHER_QUEUES, …).'),
}

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATS, name)
}
