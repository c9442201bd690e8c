// ----------------------------------------------------------------------------
// The placeholders S3 key templates may use, each declared once: the parsed field
// it fills, the text pattern it must match in a key, and how text and value map
// to each other. Patterns are ASCII and never match '/' or '.', so a template's
// segments and file extension split unambiguously.
// ----------------------------------------------------------------------------
import { Camera } from '../../identifiers/cameras.ts'
import { Instrument } from '../../identifiers/instruments.ts'
import { type DayObs, formatDayObs, isDayObs, parseDayObs } from '../../time/day-obs.ts'

export interface S3KeyOptions {
  /**
   * The channel registry: is `channel` one of `camera`'s channels? Wired by the
   * registry; when absent any word-character channel is accepted.
   */
  readonly isKnownChannel?: (camera: Camera, channel: string) => boolean
}

/** A check's outcome: the value, or one sentence saying what is wrong and what was expected. */
export type Check<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string }

export interface FieldCodec<T> {
  /** The name used in messages ('seq', 'camera'). */
  readonly label: string
  /** Regex source, no capture groups, matching the field's whole text in a key. */
  readonly pattern: string
  /** What the text must look like: "<label> must be <shape>; got ...". */
  readonly shape: string
  /** Text (already matching `pattern`) → value. `fields` holds the fields decoded before this one. */
  decode(text: string, fields: Readonly<Record<string, unknown>>, options: S3KeyOptions): Check<T>
  /** Value → text; only the type and range are checked here, decode re-checks the text. */
  format(value: unknown): Check<string>
}

const good = <T>(value: T): Check<T> => ({ ok: true, value })
const bad = (problem: string): Check<never> => ({ ok: false, problem })

/** A value for a message: strings quoted, the rest as JSON would show them. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`
  if (value === undefined) return 'nothing'
  if (typeof value !== 'object' || value === null) return String(value)
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return Object.prototype.toString.call(value) // cyclic, or holding a bigint
  }
}

function mustBe(label: string, shape: string, value: unknown): Check<never> {
  return bad(`${label} must be ${shape}; got ${show(value)}`)
}

/** A string field whose text is its value. */
function textCodec(label: string, pattern: string, shape: string): FieldCodec<string> {
  return {
    label,
    pattern,
    shape,
    decode: (text) => good(text),
    format: (value) => (typeof value === 'string' ? good(value) : mustBe(label, shape, value)),
  }
}

const WORD = "word characters (letters, digits, '_'; RubinTV v2 refuses '-')"

const camera: FieldCodec<Camera> = {
  label: 'camera',
  pattern: '[A-Za-z0-9_]+',
  shape: WORD,
  decode: (text) =>
    Camera.is(text) ? good(text) : bad(`camera must be a RubinTV camera (${Camera.values.join(', ')}); got '${text}'`),
  format: (value) => (typeof value === 'string' ? good(value) : mustBe('camera', WORD, value)),
}

const channel: FieldCodec<string> = {
  ...textCodec('channel', '[A-Za-z0-9_]+', WORD),
  decode: (text, fields, options) => {
    const cam = fields.camera
    if (options.isKnownChannel === undefined || !Camera.is(cam) || options.isKnownChannel(cam, text)) return good(text)
    return bad(`channel '${text}' is not a channel of camera '${cam}'`)
  },
}

function dayObsCodec(label: string, pattern: string, shape: string, print: (d: DayObs) => string): FieldCodec<DayObs> {
  return {
    label,
    pattern,
    shape,
    decode: (text) => {
      const parsed = parseDayObs(text)
      return parsed.ok ? good(parsed.value) : bad(`${label} '${text}': ${parsed.issues[0]?.message ?? 'not a date'}`)
    },
    format: (value) => {
      if (isDayObs(value)) return good(print(value))
      const parsed = parseDayObs(value)
      return bad(parsed.ok ? `dayObs must be a number YYYYMMDD; got ${show(value)}` : (parsed.issues[0]?.message ?? ''))
    },
  }
}

function integerCodec(label: string, pattern: string, shape: string, min: number, max: number, width = 0) {
  const codec: FieldCodec<number> = {
    label,
    pattern,
    shape,
    decode: (text) => good(Number(text)),
    format: (value) =>
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
        ? good(String(value).padStart(width, '0'))
        : mustBe(label, `an integer ${min}..${max}`, value),
  }
  return codec
}

const instrument: FieldCodec<Instrument> = {
  label: 'instrument',
  pattern: '[A-Za-z0-9]+',
  shape: 'a butler instrument name (letters and digits)',
  decode: (text) =>
    Instrument.is(text)
      ? good(text)
      : bad(`instrument must be one of ${Instrument.values.join(', ')} (exact case); got '${text}'`),
  format: (value) => (typeof value === 'string' ? good(value) : mustBe('instrument', 'an instrument name', value)),
}

const NAME = "letters, digits, '_' or '-' (no '.' or '/')"

/** Placeholder name → the parsed field it fills and its codec. Templates may use only these. */
export const PLACEHOLDERS = {
  camera: { field: 'camera', codec: camera },
  channel: { field: 'channel', codec: channel },
  date: {
    field: 'dayObs',
    codec: dayObsCodec('date', String.raw`\d{4}-\d{2}-\d{2}`, 'a date YYYY-MM-DD', formatDayObs),
  },
  seq: {
    field: 'seq',
    codec: integerCodec('seq', String.raw`\d{6}`, "exactly 6 digits 000000..999999 or 'final'", 0, 999_999, 6),
  },
  ext: {
    field: 'ext',
    codec: textCodec('ext', '[a-z0-9]+', 'a lower-case extension of letters and digits (png, jpg, mp4, json, fits...)'),
  },
  group: { field: 'group', codec: textCodec('group', '[A-Za-z0-9_-]+', NAME) },
  name: { field: 'name', codec: textCodec('name', '[A-Za-z0-9_-]+', NAME) },
  scratchPrefix: {
    field: 'scratchPrefix',
    codec: textCodec('scratchPrefix', '[A-Za-z0-9_-]+', `one segment of ${NAME}`),
  },
  dayObs: { field: 'dayObs', codec: dayObsCodec('dayObs', String.raw`\d{8}`, 'a date YYYYMMDD', String) },
  seqNum: {
    field: 'seq',
    codec: integerCodec(
      'seqNum',
      String.raw`0|[1-9]\d{0,5}`,
      'a seq number 0..999999 without zero-padding',
      0,
      999_999,
    ),
  },
  instrument: { field: 'instrument', codec: instrument },
  dataProduct: { field: 'dataProduct', codec: textCodec('dataProduct', '[A-Za-z0-9_]+', "letters, digits or '_'") },
  detectorName: {
    field: 'detectorName',
    codec: textCodec('detectorName', '[A-Za-z0-9]+_[A-Za-z0-9]+', 'a detector name such as R22_S11'),
  },
  obsId: {
    field: 'obsId',
    codec: textCodec('obsId', '[A-Z]{2}_[OCHPQS]_\\d{8}_\\d{6}', 'an obs id such as MC_O_20250415_000060'),
  },
  binSize: {
    field: 'binSize',
    codec: integerCodec('binSize', String.raw`[1-9]\d{0,3}`, 'a binning factor 1..9999 without zero-padding', 1, 9999),
  },
} as const satisfies Record<string, { readonly field: string; readonly codec: FieldCodec<unknown> }>

export type PlaceholderName = keyof typeof PLACEHOLDERS

export function isPlaceholderName(name: string): name is PlaceholderName {
  return Object.hasOwn(PLACEHOLDERS, name)
}
