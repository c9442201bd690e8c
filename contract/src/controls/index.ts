// Processing controls: RubinTV → RA commands, their values and their read-backs.
export {
  clusterStatusSetOfControl,
  controlKey,
  type ParsedControlKey,
  parseControlKey,
  readbackKey,
  readbackKeyspaceChannel,
  resetKeyForClusterStatusSet,
} from './control-keys.ts'
export { CONTROLS, type ControlSemantics, type ControlSpec, type ControlValue, type RubinTvMenu } from './controls.ts'
export {
  AosCwfsPipeline,
  AosFamPipeline,
  type ControlDomain,
  ControlRejection,
  FALSY_VALUES,
  LEGACY_REJECTION_READBACK,
  RESET_VALUE,
  ReadbackOutcome,
} from './domains.ts'
export { ControlName, type ResetControlName } from './names.ts'
export { type ControlDomainSummary, summarizeDomain } from './summary.ts'
export { type ControlOutcome, controlReadback, parseControlValue, readbackValue, rejectionFor } from './values.ts'
