// @rubin/ra-contract/compat: the rename guard, for the contract's tools and for
// other repositories that want to check a contract upgrade themselves.
export { type CompatFinding, type CompatReport, compareSurfaces, formatReport } from './check.ts'
export { diffSchemas, type SchemaChange } from './schema-diff.ts'
export type { JsonSchemaDoc, Surface, SurfaceIdentifierSet, SurfaceMessage, SurfaceName } from './surface.ts'
