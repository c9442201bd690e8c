// ----------------------------------------------------------------------------
// parseS3Key: key text → ParsedS3Key, or issues naming the failing segment and
// what it should have been. Valid keys take one regex match per kind; only a key
// that matches no kind pays for the segment-by-segment diagnosis.
//
// Accepted keys are also checked against RubinTV v2's own routing (a channel
// containing 'night_report', say, would be misfiled there), so "parses here"
// implies "is shown there".
// ----------------------------------------------------------------------------
import { fail, type Issue, issue, ok, type Result } from '../../result.ts'
import { isPlaceholderName, PLACEHOLDERS, type PlaceholderName, type S3KeyOptions, show } from './fields.ts'
import type { ParsedS3Key } from './kinds.ts'
import { rubintvV2Route } from './rubintv-v2.ts'
import { COMPILED_KINDS, type CompiledKind, render, type Segment, tokensSource } from './template.ts'

const SHAPES = COMPILED_KINDS.map((k) => k.spec.template).join(' | ')

function segmentIssue(index: number, message: string, key: string, expected: string): Issue {
  return issue('', `segment ${index + 1}: ${message}`, { expected, received: key })
}

/**
 * Decode captured texts in first-use order into `fields` (which carries fields decoded
 * earlier, so the channel check sees the camera); issues name the segment of each field.
 */
function decodeInto(
  fields: Record<string, unknown>,
  kind: CompiledKind,
  texts: ReadonlyMap<PlaceholderName, string>,
  key: string,
  options: S3KeyOptions,
): Issue[] {
  const issues: Issue[] = []
  for (const name of kind.placeholders) {
    const text = texts.get(name)
    if (text === undefined) continue
    const { field, codec } = PLACEHOLDERS[name]
    const decoded = codec.decode(text, fields, options)
    if (decoded.ok) fields[field] = decoded.value
    else issues.push(segmentIssue(kind.firstSegment.get(name) ?? 0, decoded.problem, key, codec.shape))
  }
  return issues
}

const article = (word: string): string => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`)

function routeIssue(kind: CompiledKind, key: string): Issue | undefined {
  const expected = kind.spec.rubintv
  if (expected === null) return undefined
  const actual = rubintvV2Route(key)
  if (actual === expected) return undefined
  const what = `${article(kind.spec.kind)} key`
  let why: string
  if (!expected.startsWith('nightReport') && key.includes('night_report')) {
    why = `it sends every key containing 'night_report' to the night report, so ${what} must not contain it`
  } else if (expected !== 'metadata' && actual === 'metadata') {
    why = `it reads every key ending in 'metadata.json' as the metadata table, so ${what} must not end so`
  } else if (actual === undefined) {
    why = 'its parser refuses the key'
  } else {
    why = `it would read the key as ${article(actual)} object, not ${article(expected)}`
  }
  return issue('', `RubinTV v2 would misread this ${kind.spec.kind} key: ${why}`, {
    expected: `RubinTV v2 route '${expected}'`,
    received: key,
  })
}

function fromMatch(kind: CompiledKind, groups: Record<string, string>, key: string, options: S3KeyOptions) {
  const texts = new Map<PlaceholderName, string>()
  for (const name of kind.placeholders) {
    const text = groups[name]
    if (text !== undefined) texts.set(name, text)
  }
  const fields: Record<string, unknown> = { kind: kind.spec.kind }
  const issues = decodeInto(fields, kind, texts, key, options)
  const misread = issues.length === 0 ? routeIssue(kind, key) : undefined
  if (misread !== undefined) issues.push(misread)
  return issues.length > 0 ? fail<ParsedS3Key>(...issues) : ok({ ...fields, ...kind.spec.fixed } as ParsedS3Key)
}

/** Literal segments that match and that do not: how plausibly a key was meant as this kind. */
function literalScore(kind: CompiledKind, parts: readonly string[]): { hits: number; misses: number } {
  let hits = 0
  let misses = 0
  for (const [i, segment] of kind.segments.entries()) {
    if (segment.literal === undefined) continue
    if (parts[i] === segment.literal) hits++
    else misses++
  }
  return { hits, misses }
}

function explainSegment(segment: Segment, text: string, bound: ReadonlyMap<PlaceholderName, string>): string {
  const only = segment.tokens.length === 1 ? segment.tokens[0] : undefined
  if (only?.type === 'field') {
    const { codec } = PLACEHOLDERS[only.name]
    return `${codec.label} must be ${codec.shape}; got '${text}'`
  }
  if (segment.literal !== undefined) return `must be '${segment.literal}'; got '${text}'`
  const unbound = new Set(segment.tokens.flatMap((t) => (t.type === 'field' && !bound.has(t.name) ? [t.name] : [])))
  const where = [...unbound].map((n) => `{${n}} is ${PLACEHOLDERS[n].codec.shape}`).join('; ')
  const dots = text.split('.').length > 2 ? "; the file stem must not contain '.'" : ''
  const expected = `'${render(segment.tokens, bound)}' (${segment.template})${where === '' ? '' : `, where ${where}`}`
  return `file name must be ${expected}${dots}; got '${text}'`
}

/** Walk a key that matched no kind against the most plausible kind, one segment at a time. */
function diagnose(key: string, options: S3KeyOptions): Result<ParsedS3Key> {
  const parts = key.split('/')
  const candidates = COMPILED_KINDS.filter((k) => k.segments.length === parts.length)
    .map((kind) => ({ kind, ...literalScore(kind, parts) }))
    .sort((a, b) => a.misses - b.misses || b.hits - a.hits)
  const best = candidates[0]?.kind
  if (best === undefined) {
    const message = `key has ${parts.length} '/'-separated segment(s), which fits no key kind`
    return fail(issue('', message, { expected: SHAPES, received: key }))
  }
  const bound = new Map<PlaceholderName, string>()
  const fields: Record<string, unknown> = {}
  const issues: Issue[] = []
  for (const [index, segment] of best.segments.entries()) {
    const text = parts[index] ?? ''
    const match = new RegExp(`^${tokensSource(segment.tokens, bound)}$`).exec(text)
    if (match === null) {
      issues.push(segmentIssue(index, explainSegment(segment, text, bound), key, best.spec.template))
      // Keep a lone field's text so later segments are judged against what the key actually says.
      const only = segment.tokens.length === 1 ? segment.tokens[0] : undefined
      if (only?.type === 'field') bound.set(only.name, text)
      continue
    }
    const fresh = new Map<PlaceholderName, string>()
    for (const [name, value] of Object.entries(match.groups ?? {})) {
      if (isPlaceholderName(name) && value !== undefined) fresh.set(name, value)
    }
    for (const [name, value] of fresh) bound.set(name, value)
    issues.push(...decodeInto(fields, best, fresh, key, options))
  }
  if (issues.length === 0) {
    // Unreachable while the per-segment regexes compose into the kind's regex; kept so a refusal is never silent.
    issues.push(issue('', 'key does not match its template', { expected: best.spec.template, received: key }))
  }
  return fail(...issues)
}

/** Parse an S3 key into its kind and fields. Never throws; refusals say which segment is wrong and why. */
export function parseS3Key(key: unknown, options: S3KeyOptions = {}): Result<ParsedS3Key> {
  if (typeof key !== 'string') {
    return fail(issue('', `an S3 key must be a string; got ${show(key)}`, { expected: SHAPES, received: key }))
  }
  for (const kind of COMPILED_KINDS) {
    const match = kind.regex.exec(key)
    if (match !== null) return fromMatch(kind, match.groups ?? {}, key, options)
  }
  return diagnose(key, options)
}
