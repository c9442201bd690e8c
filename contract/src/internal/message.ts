// ----------------------------------------------------------------------------
// A message is a schema plus what crosses which boundary, who writes it and who
// reads it (the sentry-kafka-schemas pattern). Codegen serialises every message
// into contract/schemas/ and the compatibility check names these services when
// a message changes incompatibly.
// ----------------------------------------------------------------------------
import type { TSchema } from '@sinclair/typebox'
import type { Service } from '../identifiers/services.ts'
import { CONTRACT_MAJOR } from '../version.ts'

/** How the message travels. */
export type Carrier =
  | 'redis-list'
  | 'redis-stream'
  | 'redis-string'
  | 'redis-hash'
  | 's3-object'
  | 'postgres-row'
  | 'http-body'
  | 'websocket'

export interface MessageSpec<S extends TSchema = TSchema> {
  /** PascalCase type name; also the schema title. */
  readonly name: string
  /** kebab-case file stem for contract/schemas/<stem>.v<major>.json. */
  readonly stem: string
  readonly schema: S
  readonly carrier: Carrier
  readonly producers: readonly Service[]
  readonly consumers: readonly Service[]
  /** Golden examples: validated in tests and carried into the release snapshot (backward checks). */
  readonly examples: readonly unknown[]
}

/** The stable `$id` of a schema: carries the major version, never the minor. */
export function schemaId(stem: string): string {
  return `https://schemas.rubin-ra.example/ra-contract/${stem}/v${CONTRACT_MAJOR}.json`
}

export function defineMessage<S extends TSchema>(spec: MessageSpec<S>): MessageSpec<S> {
  const { schema } = spec
  if (schema.$id !== schemaId(spec.stem)) throw new Error(`${spec.name}: $id must be schemaId('${spec.stem}')`)
  if (schema.title !== spec.name) throw new Error(`${spec.name}: title must equal the message name`)
  if (typeof schema.description !== 'string' || schema.description === '') {
    throw new Error(`${spec.name}: every schema needs a description`)
  }
  return spec
}
