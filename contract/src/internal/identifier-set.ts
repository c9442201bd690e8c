// ----------------------------------------------------------------------------
// Identifier sets: a canonical `as const` list plus accepted legacy spellings.
// The JSON Schema enum, the TypeScript union, the guard, the parser and the docs
// all derive from the one list.
// ----------------------------------------------------------------------------
import { Kind, type TUnsafe, Type, TypeRegistry } from '@sinclair/typebox'
import { fail, issue, ok, type Result } from '../result.ts'

export interface IdentifierSetSpec<T extends string> {
  /** Type name, PascalCase: becomes the schema title and the generated type name. */
  readonly name: string
  readonly description: string
  readonly values: readonly T[]
  /** One line per canonical value, for the generated docs. */
  readonly docs: { readonly [K in T]: string }
  /** Legacy or alternative spellings accepted on input, mapped to the canonical token. */
  readonly aliases?: Readonly<Record<string, T>>
  /**
   * Whether input matching ignores case and treats '-' and ' ' as '_' (default true).
   * Today's producers and RubinTV disagree on exactly these (5-on-a-die vs 5_ON_A_DIE).
   */
  readonly loose?: boolean
}

export interface IdentifierSet<T extends string> {
  readonly name: string
  readonly description: string
  readonly values: readonly T[]
  readonly docs: { readonly [K in T]: string }
  readonly aliases: Readonly<Record<string, T>>
  /** JSON Schema (`enum`) for the canonical tokens only: writers must use canonical tokens. */
  readonly schema: TUnsafe<T>
  /** True for a canonical token (exact match). */
  is(value: unknown): value is T
  /** Canonical token for a canonical value, an alias, or (when loose) a case/punctuation variant. */
  parse(value: unknown, path?: string): Result<T>
}

/**
 * A TypeBox kind for identifier enums, so that TypeBox's own Value.Check and
 * TypeCompiler understand them too (a bare Type.Unsafe is unknown to both).
 */
const IDENTIFIER_KIND = 'RaIdentifier'
if (!TypeRegistry.Has(IDENTIFIER_KIND)) {
  TypeRegistry.Set(IDENTIFIER_KIND, (schema: { enum: readonly unknown[] }, value) => schema.enum.includes(value))
}

function loosen(text: string): string {
  return text
    .trim()
    .toUpperCase()
    .replace(/[-\s]+/g, '_')
}

export function defineIdentifiers<const T extends string>(spec: IdentifierSetSpec<T>): IdentifierSet<T> {
  const loose = spec.loose ?? true
  const aliases = spec.aliases ?? {}
  const canonical = new Set<string>(spec.values)
  const lookup = new Map<string, T>()
  const add = (spelling: string, target: T) => {
    const key = loose ? loosen(spelling) : spelling
    const existing = lookup.get(key)
    // Two tokens collapsing to one spelling is a contract authoring bug, found at import time.
    if (existing !== undefined && existing !== target) {
      throw new Error(`${spec.name}: spelling '${spelling}' is ambiguous between ${existing} and ${target}`)
    }
    lookup.set(key, target)
  }
  if (canonical.size !== spec.values.length) throw new Error(`${spec.name}: duplicate canonical values`)
  for (const value of spec.values) add(value, value)
  for (const [alias, target] of Object.entries(aliases)) {
    if (!canonical.has(target)) throw new Error(`${spec.name}: alias '${alias}' targets unknown value '${target}'`)
    add(alias, target)
  }
  const schema = Type.Unsafe<T>({
    [Kind]: IDENTIFIER_KIND,
    type: 'string',
    enum: [...spec.values],
    title: spec.name,
    description: spec.description,
  })
  const expected = `one of: ${spec.values.join(', ')}`
  return {
    name: spec.name,
    description: spec.description,
    values: spec.values,
    docs: spec.docs,
    aliases,
    schema,
    is: (value: unknown): value is T => typeof value === 'string' && canonical.has(value),
    parse(value: unknown, path = ''): Result<T> {
      if (typeof value !== 'string') {
        return fail(issue(path, `${spec.name} must be a string`, { expected, received: value }))
      }
      const hit = lookup.get(loose ? loosen(value) : value)
      if (hit !== undefined) return ok(hit)
      return fail(issue(path, `unknown ${spec.name} '${value}'`, { expected, received: value }))
    },
  }
}
