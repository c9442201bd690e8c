// ----------------------------------------------------------------------------
// Processing ids: what completion bookkeeping is keyed by. One exposure (or visit)
// id, or for payloads spanning several exposures (a full-array-mode pair) the
// sorted, de-duplicated ids joined with `+` (`2025111500227+2025111500228`), as
// today's `main` branch does. Only the canonical form is accepted, so the same
// pair can never be bookkept under two keys.
// ----------------------------------------------------------------------------
import { fail, issue, ok, type Result } from '../result.ts'

/** Regex source (no anchors, no capture groups) for a processing id. */
export const PROCESSING_ID_PATTERN = '\\d+(?:\\+\\d+)*'

const EXPECTED =
  'exposure/visit ids as decimal digits, several joined by + in ascending order (e.g. 2025111500227+2025111500228)'

/** The processing id for the exposures (or visits) a payload covers. */
export function processingId(ids: readonly number[]): Result<string> {
  if (ids.length === 0) return fail(issue('', 'a processing id needs at least one exposure or visit id'))
  const bad = ids.find((id) => !Number.isSafeInteger(id) || id < 0)
  if (bad !== undefined) {
    return fail(
      issue('', `exposure/visit id ${bad} is not a non-negative integer`, { expected: EXPECTED, received: bad }),
    )
  }
  const unique = [...new Set(ids)].sort((a, b) => a - b)
  return ok(unique.join('+'))
}

/** The exposure (or visit) ids a canonical processing id names, ascending. */
export function parseProcessingId(text: unknown, path = ''): Result<number[]> {
  if (typeof text !== 'string' || !new RegExp(`^${PROCESSING_ID_PATTERN}$`).test(text)) {
    return fail(issue(path, `'${String(text)}' is not a processing id`, { expected: EXPECTED, received: text }))
  }
  const parts = text.split('+')
  const ids = parts.map(Number)
  for (const [i, part] of parts.entries()) {
    const id = ids[i] ?? Number.NaN
    if (!Number.isSafeInteger(id) || String(id) !== part) {
      return fail(
        issue(path, `'${part}' in '${text}' is not a canonical id (no leading zeros, at most 2^53-1)`, {
          expected: EXPECTED,
        }),
      )
    }
    const previous = ids[i - 1]
    if (previous !== undefined && previous >= id) {
      return fail(
        issue(path, `ids in '${text}' must be ascending and distinct`, { expected: EXPECTED, received: text }),
      )
    }
  }
  return ok(ids)
}
