// The JSON Schema documents codegen writes to contract/schemas/.
import type { MessageSpec } from '@rubin/ra-contract/authoring'
import { DRAFT, defsFor, type JsonObject, jsonText, type SharedDefs, toJsonSchema } from './serialize.ts'

export interface SchemaDocs {
  /** Message name -> self-contained JSON Schema document. */
  readonly perMessage: ReadonlyMap<string, JsonObject>
  readonly bundle: JsonObject
  readonly files: ReadonlyMap<string, string>
}

export function buildSchemaDocs(messages: readonly MessageSpec[], defs: SharedDefs, major: number): SchemaDocs {
  const perMessage = new Map<string, JsonObject>()
  const files = new Map<string, string>()
  const bundleDefs: JsonObject = {}
  for (const message of messages) {
    const used = new Set<string>()
    const body = toJsonSchema(message.schema, defs, used) as JsonObject
    const doc: JsonObject = { $schema: DRAFT, ...body }
    if (used.size > 0) doc.$defs = defsFor(used, defs)
    perMessage.set(message.name, doc)
    files.set(`contract/schemas/${message.stem}.v${major}.json`, jsonText(doc))
    const { $id: _id, ...withoutId } = body
    bundleDefs[message.name] = withoutId
  }
  const bundle: JsonObject = {
    $schema: DRAFT,
    $id: `https://schemas.rubin-ra.example/ra-contract/bundle/v${major}.json`,
    title: 'RaContract',
    description: 'Every message and shared piece of @rubin/ra-contract, under $defs.',
    $defs: { ...defsFor(defs.names(), defs), ...bundleDefs },
  }
  files.set(`contract/schemas/bundle.v${major}.json`, jsonText(bundle))
  return { perMessage, bundle, files }
}
