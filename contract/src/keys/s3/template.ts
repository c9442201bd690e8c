// ----------------------------------------------------------------------------
// Compiles a key template ('{camera}/{date}/metadata.json') into what build and
// parse need: tokens per '/'-separated segment, one anchored regex for the whole
// key (a placeholder's first use captures, later uses must repeat it exactly),
// and per-segment regexes for precise error messages.
// ----------------------------------------------------------------------------
import { isPlaceholderName, PLACEHOLDERS, type PlaceholderName } from './fields.ts'
import { KEY_KINDS, type KeyKindSpec } from './kinds.ts'

export type Token =
  | { readonly type: 'literal'; readonly text: string }
  | { readonly type: 'field'; readonly name: PlaceholderName }

export interface Segment {
  readonly template: string
  readonly tokens: readonly Token[]
  /** The text of a segment with no placeholders ('night_report'). */
  readonly literal: string | undefined
}

export interface CompiledKind {
  readonly spec: KeyKindSpec
  readonly segments: readonly Segment[]
  /** Placeholders in order of first use: decode order, so the camera is known before the channel. */
  readonly placeholders: readonly PlaceholderName[]
  /** Index of the segment where each placeholder is first used. */
  readonly firstSegment: ReadonlyMap<PlaceholderName, number>
  readonly regex: RegExp
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

export function tokenize(template: string): Token[] {
  const tokens: Token[] = []
  for (const [i, part] of template.split(/\{([^{}]*)\}/).entries()) {
    if (i % 2 === 0) {
      if (part !== '') tokens.push({ type: 'literal', text: part })
    } else if (isPlaceholderName(part)) {
      tokens.push({ type: 'field', name: part })
    } else {
      // A typo in KEY_KINDS: found at import time by every test run.
      throw new Error(`S3 key template '${template}' uses unknown placeholder {${part}}`)
    }
  }
  return tokens
}

/**
 * Regex source for tokens. Placeholders in `bound` become their literal text; the
 * first unbound use of a placeholder captures as a named group, later uses repeat it.
 */
export function tokensSource(
  tokens: readonly Token[],
  bound: ReadonlyMap<PlaceholderName, string> = new Map(),
): string {
  const seen = new Set<PlaceholderName>()
  return tokens
    .map((token) => {
      if (token.type === 'literal') return escapeRegex(token.text)
      const text = bound.get(token.name)
      if (text !== undefined) return escapeRegex(text)
      if (seen.has(token.name)) return `\\k<${token.name}>`
      seen.add(token.name)
      return `(?<${token.name}>${PLACEHOLDERS[token.name].codec.pattern})`
    })
    .join('')
}

/** Template text with bound placeholders filled in and the rest left as {name}. */
export function render(tokens: readonly Token[], values: ReadonlyMap<PlaceholderName, string>): string {
  return tokens.map((t) => (t.type === 'literal' ? t.text : (values.get(t.name) ?? `{${t.name}}`))).join('')
}

export function compileKind(spec: KeyKindSpec): CompiledKind {
  const segments = spec.template.split('/').map((template): Segment => {
    const tokens = tokenize(template)
    const only = tokens[0]
    const literal = tokens.length === 1 && only?.type === 'literal' ? only.text : undefined
    return { template, tokens, literal }
  })
  const placeholders: PlaceholderName[] = []
  const firstSegment = new Map<PlaceholderName, number>()
  for (const [index, segment] of segments.entries()) {
    for (const token of segment.tokens) {
      if (token.type === 'field' && !firstSegment.has(token.name)) {
        firstSegment.set(token.name, index)
        placeholders.push(token.name)
      }
    }
  }
  const fields = placeholders.map((p) => PLACEHOLDERS[p].field)
  if (new Set(fields).size !== fields.length) throw new Error(`S3 key template '${spec.template}' fills a field twice`)
  const regex = new RegExp(`^${tokensSource(tokenize(spec.template))}$`)
  return { spec, segments, placeholders, firstSegment, regex }
}

export const COMPILED_KINDS: readonly CompiledKind[] = KEY_KINDS.map(compileKind)
