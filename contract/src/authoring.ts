// ----------------------------------------------------------------------------
// For the contract's own tools (codegen, the compatibility check, docs), not for
// consumers: the authoring registry behind the generated artefacts. Consumers use
// the package root and ./validate.
// ----------------------------------------------------------------------------
export type { Carrier, MessageSpec } from './internal/message.ts'
export { MESSAGES, SHARED_SCHEMAS } from './schemas.ts'
