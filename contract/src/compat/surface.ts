// ----------------------------------------------------------------------------
// The contract's surface: everything a producer or consumer can depend on, as
// plain JSON. Codegen writes the current one to contract/generated/surface.json;
// each release freezes a copy in contract/releases/v<version>.json. The
// compatibility check compares two surfaces.
// ----------------------------------------------------------------------------

export type JsonSchemaDoc = { readonly [key: string]: unknown }

export interface SurfaceIdentifierSet {
  readonly values: readonly string[]
  readonly aliases: { readonly [alias: string]: string }
}

/** A named thing whose spelling crosses a boundary: a key template, a channel, a control key, a stream. */
export interface SurfaceName {
  readonly kind: string
  /** The exact string on the wire (or its template). Changing it is a rename. */
  readonly value: string
  readonly producers: readonly string[]
  readonly consumers: readonly string[]
}

export interface SurfaceMessage {
  readonly schema: JsonSchemaDoc
  readonly producers: readonly string[]
  readonly consumers: readonly string[]
}

export interface Surface {
  readonly version: string
  readonly identifiers: { readonly [name: string]: SurfaceIdentifierSet }
  readonly names: { readonly [id: string]: SurfaceName }
  readonly messages: { readonly [name: string]: SurfaceMessage }
}
