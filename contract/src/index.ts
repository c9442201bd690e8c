// ----------------------------------------------------------------------------
// @rubin/ra-contract: every name and message that crosses a process boundary
// between Rapid Analysis and RubinTV. This file is the package's public surface;
// anything not exported here (or from ./validate) is internal and may change.
// ----------------------------------------------------------------------------
export * from './consdb/index.ts'
export * from './controls/index.ts'
export * from './detectors/index.ts'
export { ContractError, ERROR_CODES, type ErrorCode } from './errors.ts'
export { IDENTIFIER_SETS } from './identifier-sets.ts'
export * from './identifiers/index.ts'
export { INSTRUMENT_CODE, INSTRUMENT_DETECTOR_COUNT } from './identifiers/instruments.ts'
export {
  AOS_CWFS_PIPELINES,
  AOS_FAM_PIPELINES,
  DEFAULT_AOS_FAM_PIPELINE,
  DEFAULT_AOS_PIPELINE,
  PIPELINE_FOR_IMAGE_TYPE,
} from './identifiers/pipelines.ts'
export { WORKER_FLAVOUR_SHAPE } from './identifiers/workers.ts'
export * from './ids/index.ts'
export type { IdentifierSet } from './internal/identifier-set.ts'
export * from './keys/s3/index.ts'
export * from './messages/index.ts'
export * from './redis/index.ts'
export * from './registry/index.ts'
export { fail, formatIssues, type Issue, issue, ok, type Result } from './result.ts'
export * from './time/day-obs.ts'
export { CONTRACT_MAJOR, CONTRACT_VERSION } from './version.ts'
