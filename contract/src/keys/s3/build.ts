// ----------------------------------------------------------------------------
// buildS3Key: fields → key text, from the same templates the parser uses. The
// built key is parsed back before it is returned, so a key we write is always
// one we (and RubinTV v2, see parse.ts) read as the same kind with the same fields.
// ----------------------------------------------------------------------------
import { fail, type Issue, issue, ok, type Result } from '../../result.ts'
import { PLACEHOLDERS, type PlaceholderName, type S3KeyOptions, show } from './fields.ts'
import type { S3KeySpec } from './kinds.ts'
import { parseS3Key } from './parse.ts'
import { COMPILED_KINDS, render } from './template.ts'

const BY_KIND = new Map(COMPILED_KINDS.map((k) => [k.spec.kind as string, k]))
const KINDS = [...BY_KIND.keys()].join(', ')

export function buildS3Key(spec: S3KeySpec, options: S3KeyOptions = {}): Result<string> {
  if (typeof spec !== 'object' || spec === null) {
    return fail(issue('', `an S3 key spec must be an object with a kind; got ${show(spec)}`, { expected: KINDS }))
  }
  const input = spec as unknown as Record<string, unknown>
  const kind = typeof input.kind === 'string' ? BY_KIND.get(input.kind) : undefined
  if (kind === undefined) {
    return fail(issue('/kind', `kind must be one of ${KINDS}; got ${show(input.kind)}`, { received: input.kind }))
  }
  const texts = new Map<PlaceholderName, string>()
  const issues: Issue[] = []
  for (const name of kind.placeholders) {
    const { field, codec } = PLACEHOLDERS[name]
    const value = input[field]
    const formatted = codec.format(value)
    if (!formatted.ok) {
      issues.push(issue(`/${field}`, formatted.problem, { expected: codec.shape, received: value }))
    } else if (!new RegExp(`^(?:${codec.pattern})$`).test(formatted.value)) {
      const message = `${codec.label} must be ${codec.shape}; got ${show(value)}`
      issues.push(issue(`/${field}`, message, { expected: codec.shape, received: value }))
    } else {
      const decoded = codec.decode(formatted.value, input, options)
      if (decoded.ok) texts.set(name, formatted.value)
      else issues.push(issue(`/${field}`, decoded.problem, { expected: codec.shape, received: value }))
    }
  }
  for (const [field, literal] of Object.entries(kind.spec.fixed)) {
    const value = input[field]
    if (value !== undefined && value !== literal) {
      const message = `${field} of a ${kind.spec.kind} key is always '${literal}'; got ${show(value)}`
      issues.push(issue(`/${field}`, message, { expected: literal, received: value }))
    }
  }
  if (issues.length > 0) return fail(...issues)

  const key = kind.segments.map((segment) => render(segment.tokens, texts)).join('/')
  const parsed = parseS3Key(key, options)
  if (!parsed.ok) return fail(...parsed.issues.map((i) => ({ ...i, path: '' })))
  const back = parsed.value as unknown as Record<string, unknown>
  const differs = kind.placeholders.map((p) => PLACEHOLDERS[p].field).filter((f) => back[f] !== input[f])
  if (parsed.value.kind !== kind.spec.kind || differs.length > 0) {
    // Only reachable through a template ambiguity; kept so such a bug refuses instead of writing a wrong key.
    const what = differs.length > 0 ? differs.join(', ') : 'kind'
    const message = `key '${key}' would read back as a ${parsed.value.kind} key (differs in: ${what})`
    return fail(issue('', message, { received: key }))
  }
  return ok(key)
}
