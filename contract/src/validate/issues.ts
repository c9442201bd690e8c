// ajv errors -> contract Issues: a JSON pointer to the field and what was expected.
import type { ValidatorError } from '../../generated/validators.d.cts'
import { type Issue, issue } from '../result.ts'

function describe(error: ValidatorError): { path: string; message: string; expected?: string } {
  const p = error.params
  switch (error.keyword) {
    case 'required':
      return {
        path: `${error.instancePath}/${String(p.missingProperty)}`,
        message: `missing required property '${String(p.missingProperty)}'`,
      }
    case 'additionalProperties':
      return {
        path: `${error.instancePath}/${String(p.additionalProperty)}`,
        message: `unexpected property '${String(p.additionalProperty)}' (not in the schema; check its spelling)`,
      }
    case 'enum':
      return {
        path: error.instancePath,
        message: 'is not one of the allowed values',
        expected: `one of: ${(p.allowedValues as unknown[]).join(', ')}`,
      }
    case 'const':
      return { path: error.instancePath, message: `must be ${JSON.stringify(p.allowedValue)}` }
    case 'type':
      return { path: error.instancePath, message: `must be of type ${String(p.type)}`, expected: String(p.type) }
    case 'pattern':
      return { path: error.instancePath, message: `does not match ${String(p.pattern)}`, expected: String(p.pattern) }
    default:
      return { path: error.instancePath, message: error.message ?? error.keyword }
  }
}

/**
 * Union branches each report their own errors; keep the branch that got furthest
 * (the fewest errors below the union) so the message names the real mistake.
 */
export function toIssues(errors: readonly ValidatorError[] | null | undefined, value: unknown): Issue[] {
  if (!errors || errors.length === 0) return [issue('', 'invalid')]
  const seen = new Set<string>()
  const out: Issue[] = []
  const interesting = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf')
  for (const error of interesting.length > 0 ? interesting : errors) {
    const d = describe(error)
    const key = `${d.path}|${d.message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(issue(d.path, d.message, { ...(d.expected ? { expected: d.expected } : {}), received: at(value, d.path) }))
  }
  return out
}

function at(value: unknown, pointer: string): unknown {
  let current = value
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}
