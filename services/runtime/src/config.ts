// ----------------------------------------------------------------------------
// Configuration from the environment, validated by a schema. A bad or missing
// variable stops the service at start with a message naming the variable, what
// it must be and what it was, instead of failing later somewhere deep.
// ----------------------------------------------------------------------------
import type { Static, TObject } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

export class ConfigError extends Error {
  readonly code = 'RA_CONFIG_INVALID'
  readonly problems: readonly string[]
  constructor(service: string, problems: readonly string[]) {
    super(`${service}: invalid configuration:\n  ${problems.join('\n  ')}`)
    this.name = 'ConfigError'
    this.problems = problems
  }
}

/**
 * Reads the schema's properties (environment variable names) from `env`, converts
 * strings to the declared types, applies defaults, and checks the result.
 */
export function loadConfig<T extends TObject>(
  service: string,
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
): Static<T> {
  const raw: Record<string, unknown> = {}
  for (const name of Object.keys(schema.properties)) {
    const value = env[name]
    if (value !== undefined && value !== '') raw[name] = value
  }
  const value = Value.Default(schema, Value.Convert(schema, raw))
  const problems = [...Value.Errors(schema, value)].map((error) => {
    const name = error.path.replace(/^\//, '').split('/')[0] ?? ''
    const property = schema.properties[name] as { description?: string } | undefined
    const got = raw[name] === undefined ? 'it is not set' : `got '${String(raw[name])}'`
    const what = property?.description ? ` (${property.description})` : ''
    return `${name}: ${error.message}${what}; ${got}`
  })
  if (problems.length > 0) throw new ConfigError(service, [...new Set(problems)])
  return value as Static<T>
}
