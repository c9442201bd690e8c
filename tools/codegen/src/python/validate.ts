// validate.py, the schemas/ it loads (the committed contract/schemas files, copied)
// and examples.json (every message's golden examples, for the Python tests).
import type { MessageSpec } from '@rubin/ra-contract/authoring'
import { type Json, type JsonObject, jsonText } from '../serialize.ts'
import { assign, call, dictOf, type Py } from './literal.ts'
import { pythonModule } from './module.ts'

/** The JSON Schema keywords the Python validator implements (keep in step with templates/validate.py). */
const SUPPORTED = new Set([
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'items',
  'anyOf',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'pattern',
  '$ref',
])
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', '$defs', 'title', 'description', 'examples', 'default'])
const NAMED = new Set(['properties', 'patternProperties', '$defs'])
const LITERAL = new Set(['enum', 'const', 'examples', 'default', 'required'])

/** Fails codegen when a schema uses a keyword the Python validator would not check. */
export function checkKeywords(schema: Json, where: string): void {
  if (Array.isArray(schema)) {
    for (const item of schema) checkKeywords(item, where)
    return
  }
  if (schema === null || typeof schema !== 'object') return
  for (const [key, value] of Object.entries(schema)) {
    if (!SUPPORTED.has(key) && !ANNOTATIONS.has(key)) {
      throw new Error(
        `python codegen: ${where} uses JSON Schema keyword '${key}', which validate.py does not implement`,
      )
    }
    if (LITERAL.has(key)) continue
    if (NAMED.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const sub of Object.values(value)) checkKeywords(sub, where)
    } else {
      checkKeywords(value, where)
    }
  }
}

export function buildValidate(
  version: string,
  major: number,
  messages: readonly MessageSpec[],
  perMessage: ReadonlyMap<string, JsonObject>,
): Promise<string> {
  const specs = messages.map((m) => {
    const schema = perMessage.get(m.name)
    if (schema === undefined) throw new Error(`python codegen: no schema document for ${m.name}`)
    checkKeywords(schema, `${m.stem}.v${major}.json`)
    const value = call('MessageSpec', {
      name: m.name,
      schema_file: `${m.stem}.v${major}.json`,
      carrier: m.carrier,
      producers: m.producers,
      consumers: m.consumers,
      description: typeof schema.description === 'string' ? schema.description : '',
    })
    return [m.name, value] as const
  })
  const data = [
    '#: Every message of the contract, by name.',
    assign('MESSAGES', 'Final[Mapping[str, MessageSpec]]', dictOf(Object.fromEntries(specs) as Record<string, Py>)),
    assign(
      'MESSAGE_NAMES',
      'Final[tuple[str, ...]]',
      messages.map((m) => m.name),
    ),
  ].join('\n')
  return pythonModule('validate.py', version, { DATA: data })
}

/** examples.json: message name -> its golden examples. */
export function buildExamples(messages: readonly MessageSpec[]): string {
  return jsonText(Object.fromEntries(messages.map((m) => [m.name, m.examples])))
}
