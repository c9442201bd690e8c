// @rubin/ra-rubintv: the RubinTV reference consumer.
export { RubinTvConfig } from './config.ts'
export { applyDiff, diffTables } from './metadata-diff.ts'
export { type RubinTvOptions, type RubinTvRunning, rubintvService } from './service.ts'
