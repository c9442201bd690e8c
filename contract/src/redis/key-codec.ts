// ----------------------------------------------------------------------------
// Builders and parsers derived from the REDIS_KEYS table. Parameter types come
// from the templates themselves (template-literal extraction), so adding a key
// to the table is the only step. A prefix namespaces every key for test
// isolation; production uses '' so RubinTV-compatible keys stay byte-exact.
// ----------------------------------------------------------------------------
import { fail, formatIssues, type Issue, issue, ok, type Result } from '../result.ts'
import { FORMATS, type FormatName, type FormatTypes, isFormatName, type ParamFormat } from './formats.ts'
import { REDIS_KEYS, type RedisKeyEntry, type RedisKeyName, type RedisKeyTemplate } from './keys.ts'

type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never
type ParamNameOf<P extends string> = P extends `${infer N}:${string}` ? N : P
type FormatOf<P extends string> = P extends `${string}:${infer F}` ? F : P
type ValueOf<F extends string> = F extends FormatName ? FormatTypes[F] : never

/** `{ instrument: Instrument; who: Who; … }` for a template string. */
export type TemplateParams<T extends string> = {
  readonly [P in Placeholders<T> as ParamNameOf<P>]: ValueOf<FormatOf<P>>
}
export type RedisKeyParams<N extends RedisKeyName> = TemplateParams<RedisKeyTemplate<N>>
/** No second argument for keys without parameters (`redisKey('deadLetters')`). */
export type RedisKeyArgs<N extends RedisKeyName> = keyof RedisKeyParams<N> extends never
  ? []
  : [params: RedisKeyParams<N>]
export type ParsedRedisKey = {
  [N in RedisKeyName]: { readonly name: N; readonly params: RedisKeyParams<N> }
}[RedisKeyName]

interface Placeholder {
  readonly param: string
  readonly formatName: FormatName
  readonly format: ParamFormat<unknown>
}
interface CompiledKey {
  readonly spec: RedisKeyEntry
  readonly parts: readonly (string | Placeholder)[]
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&')

// A malformed template is a contract authoring bug: fail at import time, like identifier sets do.
function compile(spec: RedisKeyEntry): CompiledKey {
  const parts: (string | Placeholder)[] = []
  const seen = new Set<string>()
  for (const [i, piece] of spec.template.split(/\{([^{}]*)\}/).entries()) {
    if (i % 2 === 0) {
      if (/[{}]/.test(piece)) throw new Error(`${spec.name}: unbalanced braces in '${spec.template}'`)
      if (piece !== '') parts.push(piece)
      continue
    }
    const [param = '', formatName = param] = piece.split(':')
    if (!/^[a-z][A-Za-z0-9]*$/.test(param)) throw new Error(`${spec.name}: bad parameter name '${param}'`)
    if (!isFormatName(formatName)) throw new Error(`${spec.name}: unknown parameter format '${formatName}'`)
    if (seen.has(param)) throw new Error(`${spec.name}: parameter '${param}' appears twice`)
    seen.add(param)
    parts.push({ param, formatName, format: FORMATS[formatName] as ParamFormat<unknown> })
  }
  return { spec, parts }
}

const COMPILED = new Map<string, CompiledKey>(REDIS_KEYS.map((spec) => [spec.name, compile(spec)]))
{
  const names = REDIS_KEYS.map((k) => k.name)
  if (new Set(names).size !== names.length) throw new Error('REDIS_KEYS: duplicate names')
}

/** The parameters of a key, in template order, with their format names (for docs and tests). */
export function redisKeyParameters(name: RedisKeyName): readonly { param: string; format: FormatName }[] {
  const compiled = COMPILED.get(name)
  if (compiled === undefined) return []
  return compiled.parts.flatMap((part) =>
    typeof part === 'string' ? [] : [{ param: part.param, format: part.formatName }],
  )
}

export interface RedisKeys {
  readonly prefix: string
  /** Builds a key; throws a TypeError if a parameter is outside its format (a bug in the caller). */
  key<N extends RedisKeyName>(name: N, ...args: RedisKeyArgs<N>): string
  /** Builds a key from parameters of unknown provenance (CLI input), as data. */
  tryKey(name: string, params?: Readonly<Record<string, unknown>>): Result<string>
  /** Which table entry a key is, and its parameters. The prefix must match. */
  parse(key: unknown): Result<ParsedRedisKey>
  /** A SCAN glob for a key with some parameters left open (`*`). */
  pattern<N extends RedisKeyName>(name: N, params?: Partial<RedisKeyParams<N>>): string
}

export interface RedisKeysOptions {
  /** Prepended verbatim to every key, e.g. `test-3f9a:`. Production: ''. */
  readonly prefix?: string
}

export function createRedisKeys(options: RedisKeysOptions = {}): RedisKeys {
  const prefix = options.prefix ?? ''
  const matchers = [...COMPILED.values()].map((compiled) => {
    const body = compiled.parts
      .map((part) => (typeof part === 'string' ? escapeRegex(part) : `(?<${part.param}>${part.format.pattern})`))
      .join('')
    return { compiled, regex: new RegExp(`^${escapeRegex(prefix)}${body}$`) }
  })

  function tryKey(name: string, params: Readonly<Record<string, unknown>> = {}): Result<string> {
    const compiled = COMPILED.get(name)
    if (compiled === undefined) {
      return fail(
        issue('', `no Redis key is named '${name}'`, { expected: `one of: ${[...COMPILED.keys()].join(', ')}` }),
      )
    }
    const issues: Issue[] = []
    let key = prefix
    for (const part of compiled.parts) {
      if (typeof part === 'string') {
        key += part
        continue
      }
      const value = params[part.param]
      if (part.format.check(value)) {
        key += part.format.render(value)
      } else {
        const message = `${name}: ${JSON.stringify(value) ?? 'undefined'} is not a valid ${part.param}`
        issues.push(issue(`/${part.param}`, message, { expected: part.format.description, received: value }))
      }
    }
    return issues.length > 0 ? fail(...issues) : ok(key)
  }

  return {
    prefix,
    key(name, ...args) {
      const result = tryKey(name, args[0] as Readonly<Record<string, unknown>> | undefined)
      if (!result.ok) throw new TypeError(formatIssues(result.issues))
      return result.value
    },
    tryKey,
    parse(key) {
      if (typeof key !== 'string') return fail(issue('', 'a Redis key must be a string', { received: key }))
      if (!key.startsWith(prefix)) {
        return fail(issue('', `'${key}' does not start with the prefix '${prefix}'`, { received: key }))
      }
      for (const { compiled, regex } of matchers) {
        const match = regex.exec(key)
        if (match === null) continue
        const groups = match.groups ?? {}
        const params: Record<string, unknown> = {}
        let valid = true
        for (const part of compiled.parts) {
          if (typeof part === 'string') continue
          const value = part.format.read(groups[part.param] ?? '')
          if (value === undefined) valid = false
          params[part.param] = value
        }
        if (valid) return ok({ name: compiled.spec.name, params } as ParsedRedisKey)
      }
      const known = [...COMPILED.values()].map((c) => c.spec.template).join(', ')
      return fail(issue('', `'${key}' matches no Redis key template`, { expected: `one of: ${known}`, received: key }))
    },
    pattern(name, params = {}) {
      const compiled = COMPILED.get(name)
      if (compiled === undefined) return escapeGlob(prefix)
      const given = params as Readonly<Record<string, unknown>>
      return (
        escapeGlob(prefix) +
        compiled.parts
          .map((part) => {
            if (typeof part === 'string') return escapeGlob(part)
            const value = given[part.param]
            return value !== undefined && part.format.check(value) ? escapeGlob(part.format.render(value)) : '*'
          })
          .join('')
      )
    },
  }
}

/** Production keys (no prefix). */
const DEFAULT_KEYS = createRedisKeys()

/** Builds a production key; throws a TypeError only when a parameter is outside its format. */
export function redisKey<N extends RedisKeyName>(name: N, ...args: RedisKeyArgs<N>): string {
  return DEFAULT_KEYS.key(name, ...args)
}

export function parseRedisKey(key: unknown): Result<ParsedRedisKey> {
  return DEFAULT_KEYS.parse(key)
}
