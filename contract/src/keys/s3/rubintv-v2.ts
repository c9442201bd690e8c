// ----------------------------------------------------------------------------
// A faithful re-implementation of how today's RubinTV (v2, lsst-ts/rubintv
// `models.py` and the pollers) routes and parses an S3 key. It is the oracle the
// contract checks itself against: every key we build, and every key we accept,
// must be read by RubinTV v2 as the same kind of object.
//
// Routing, in the current poller's order:
//   1. key ends with 'metadata.json' → the camera-day metadata table
//      (the historical poller tests "contains"; pass { poller: 'historical' });
//   2. key contains 'night_report'   → NightReportData.parse_key (text, else plot);
//   3. anything else                 → Event.parse_key.
// Python semantics kept: `re.match` anchors only at the start, `$` also matches
// before one trailing '\n', `\w`/`\d` are Unicode classes, and the event date is
// re-checked with `date(int(y), int(m), int(d))` (years 1..9999).
// ----------------------------------------------------------------------------

const W = String.raw`[\p{L}\p{N}_]`
const W_DASH = String.raw`[\p{L}\p{N}_-]`
const END = String.raw`\n?$`

// (\w+)\/([\d-]+)\/(\w+)\/(\d{6}|final)\/([\w-]+)\.(\w+)$
const EVENT_RE = new RegExp(
  String.raw`^(${W}+)\/([\p{Nd}-]+)\/(${W}+)\/(\p{Nd}{6}|final)\/(${W_DASH}+)\.(${W}+)${END}`,
  'u',
)
// (\w+)\/([\d-]+)\/night_report\/([\w-]+md)\.(\w+)$
const NR_TEXT_RE = new RegExp(String.raw`^(${W}+)\/([\p{Nd}-]+)\/night_report\/(${W_DASH}+md)\.(${W}+)${END}`, 'u')
// (\w+)\/([\d-]+)\/night_report\/([\w-]+)\/([\w-]+)\.(\w+)$
const NR_PLOT_RE = new RegExp(
  String.raw`^(${W}+)\/([\p{Nd}-]+)\/night_report\/(${W_DASH}+)\/(${W_DASH}+)\.(${W}+)${END}`,
  'u',
)
const ND = /\p{Nd}/u

export type RubintvV2Route = 'metadata' | 'nightReportText' | 'nightReportPlot' | 'event'

/** What RubinTV v2 derives from a key (its Event / NightReportData fields, camelCased). */
export type RubintvV2Parsed =
  | { readonly route: 'metadata' }
  | {
      readonly route: 'event'
      readonly camera: string
      readonly dayObs: string
      readonly channel: string
      readonly seq: number | 'final'
      /** stem.ext */
      readonly filename: string
      readonly ext: string
    }
  | {
      readonly route: 'nightReportText' | 'nightReportPlot'
      readonly camera: string
      readonly dayObs: string
      /** 'metadata' for the text file. */
      readonly group: string
      /** The bare stem for the text file, stem.ext for plots (as v2 does). */
      readonly filename: string
      readonly ext: string
    }

export interface RubintvV2Options {
  /** Which poller's metadata test to apply (default 'current': ends with 'metadata.json'). */
  readonly poller?: 'current' | 'historical'
}

/**
 * Python's int() on a run of Unicode decimal digits. Unicode encodes every Nd
 * digit set as ten consecutive code points 0..9, so a digit's value is its
 * distance from the start of its run of Nd code points, modulo 10.
 */
function pythonInt(digits: string): number {
  let value = 0
  for (const ch of digits) {
    const cp = ch.codePointAt(0) ?? 0
    let start = cp
    while (start > 0 && ND.test(String.fromCodePoint(start - 1))) start--
    value = value * 10 + ((cp - start) % 10)
  }
  return value
}

/** `date(int(y), int(m), int(d))` after `date_str.split("-")` succeeds in Python. */
function pythonDateOk(dateText: string): boolean {
  const parts = dateText.split('-')
  if (parts.length !== 3 || parts.some((p) => p === '')) return false
  const [y = 0, m = 0, d = 0] = parts.map(pythonInt)
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const last = m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31
  return d <= last
}

/** How RubinTV v2 reads a key, or undefined when it logs "Key can't be parsed" and drops it. */
export function rubintvV2Parse(key: string, options: RubintvV2Options = {}): RubintvV2Parsed | undefined {
  const isMetadata = options.poller === 'historical' ? key.includes('metadata.json') : key.endsWith('metadata.json')
  if (isMetadata) return { route: 'metadata' }
  if (key.includes('night_report')) {
    const text = NR_TEXT_RE.exec(key)
    if (text !== null) {
      const [, camera = '', dayObs = '', filename = '', ext = ''] = text
      return { route: 'nightReportText', camera, dayObs, group: 'metadata', filename, ext }
    }
    const plot = NR_PLOT_RE.exec(key)
    if (plot === null) return undefined
    const [, camera = '', dayObs = '', group = '', stem = '', ext = ''] = plot
    return { route: 'nightReportPlot', camera, dayObs, group, filename: `${stem}.${ext}`, ext }
  }
  const event = EVENT_RE.exec(key)
  if (event === null) return undefined
  const [, camera = '', dayObs = '', channel = '', seq = '', stem = '', ext = ''] = event
  if (!pythonDateOk(dayObs)) return undefined
  return {
    route: 'event',
    camera,
    dayObs,
    channel,
    seq: seq === 'final' ? 'final' : pythonInt(seq),
    filename: `${stem}.${ext}`,
    ext,
  }
}

/** How RubinTV v2 routes a key, or undefined when it would drop it. */
export function rubintvV2Route(key: string, options: RubintvV2Options = {}): RubintvV2Route | undefined {
  return rubintvV2Parse(key, options)?.route
}

/** True when RubinTV v2 would use the key rather than log it as unparseable and drop it. */
export function rubintvV2Accepts(key: string, options: RubintvV2Options = {}): boolean {
  return rubintvV2Parse(key, options) !== undefined
}
