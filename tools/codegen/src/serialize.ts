// ----------------------------------------------------------------------------
// TypeBox values -> plain draft-07 JSON Schema. A nested schema that is (by
// identity) one of the registered shared pieces becomes {"$ref": "#/$defs/<title>"},
// so every shared piece is declared once and generated types are not duplicated.
// ----------------------------------------------------------------------------
import type { TSchema } from '@sinclair/typebox'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

export const DRAFT = 'http://json-schema.org/draft-07/schema#'

export class SharedDefs {
  readonly #byIdentity = new Map<object, string>()
  readonly #byText = new Map<string, string>()
  readonly #byName = new Map<string, TSchema>()

  constructor(schemas: readonly TSchema[]) {
    for (const schema of schemas) {
      const name = schema.title
      if (typeof name !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
        throw new Error(`shared schema without a PascalCase title: ${JSON.stringify(schema).slice(0, 120)}`)
      }
      if (this.#byName.has(name)) throw new Error(`two shared schemas are titled '${name}'`)
      this.#byIdentity.set(schema, name)
      this.#byText.set(JSON.stringify(schema), name)
      this.#byName.set(name, schema)
    }
  }

  /**
   * The shared piece this schema is: by identity, or by equal JSON (TypeBox's
   * Optional() and Readonly() return modified clones of the piece they wrap).
   */
  nameOf(schema: object): string | undefined {
    const byIdentity = this.#byIdentity.get(schema)
    if (byIdentity !== undefined) return byIdentity
    if (!('title' in schema)) return undefined
    return this.#byText.get(JSON.stringify(schema))
  }

  get(name: string): TSchema {
    const schema = this.#byName.get(name)
    if (schema === undefined) throw new Error(`no shared schema '${name}'`)
    return schema
  }

  names(): string[] {
    return [...this.#byName.keys()]
  }
}

/**
 * Plain JSON for one schema, with shared pieces replaced by $refs. `used` collects
 * the names of the shared pieces reached, transitively, so per-message files can
 * carry exactly the $defs they need.
 */
export function toJsonSchema(schema: TSchema, defs: SharedDefs, used: Set<string>, isRoot = true): Json {
  const walk = (value: unknown, root: boolean): Json => {
    if (value === null || typeof value !== 'object') return value as Json
    if (!root) {
      const name = defs.nameOf(value)
      if (name !== undefined) {
        if (!used.has(name)) {
          used.add(name)
          // Visit the piece itself so that pieces it refers to are collected too.
          toJsonSchema(defs.get(name), defs, used, true)
        }
        return { $ref: `#/$defs/${name}` }
      }
    }
    if (Array.isArray(value)) return value.map((item) => walk(item, false))
    const out: JsonObject = {}
    // Object.keys skips TypeBox's symbol-keyed internals ([Kind], [OptionalKind]).
    for (const key of Object.keys(value)) {
      out[key] = walk((value as Record<string, unknown>)[key], false)
    }
    return out
  }
  return walk(schema, isRoot)
}

/** `$defs` for the given names, each serialised with its own refs, sorted by name for stable output. */
export function defsFor(names: Iterable<string>, defs: SharedDefs): JsonObject {
  const out: JsonObject = {}
  const pending = new Set(names)
  const done = new Set<string>()
  while (pending.size > 0) {
    const [name] = pending
    if (name === undefined) break
    pending.delete(name)
    if (done.has(name)) continue
    done.add(name)
    const used = new Set<string>()
    out[name] = toJsonSchema(defs.get(name), defs, used, true)
    for (const next of used) if (!done.has(next)) pending.add(next)
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)))
}

/** Stable text: two-space JSON and a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
