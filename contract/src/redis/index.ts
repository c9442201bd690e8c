// Redis names: every key, queue, hash and stream, worker identity, and the cluster-status encoding.
export {
  CLUSTER_STATUS_FIELD,
  CLUSTER_STATUS_MAXLEN,
  type ClusterStatusCell,
  type ClusterStatusCells,
  type ClusterStatusView,
  clusterStatusStreamKey,
  clusterStatusView,
  decodeClusterStatus,
  encodeClusterStatus,
  queueTotalCell,
  rubintvRedisDetectorKey,
  type WorkerCellState,
  workerStatusCell,
} from './cluster-status.ts'
export {
  CLUSTER_STATUS_SETS,
  type ClusterStatusCoverage,
  type ClusterStatusPlacement,
  ClusterStatusSet,
  type ClusterStatusSetSpec,
  clusterStatusCellId,
  clusterStatusSetOf,
  RESETTABLE_CLUSTER_STATUS_SETS,
} from './cluster-status-sets.ts'
export { CONSUMER_GROUPS } from './consumer-groups.ts'
export {
  type ControlStateSnapshot,
  DISPATCH_STATE_FIELDS,
  type DispatchState,
  type DispatchStateField,
  decodeControlState,
  encodeDispatchState,
} from './control-state.ts'
export { FORMATS, type FormatName, type FormatTypes, type ParamFormat } from './formats.ts'
export {
  createRedisKeys,
  type ParsedRedisKey,
  parseRedisKey,
  type RedisKeyArgs,
  type RedisKeyParams,
  type RedisKeys,
  type RedisKeysOptions,
  redisKey,
  redisKeyParameters,
  type TemplateParams,
} from './key-codec.ts'
export {
  REDIS_KEYS,
  type RedisKeyEntry,
  type RedisKeyName,
  type RedisKeySpec,
  type RedisKeyTemplate,
  type RedisKind,
  type RedisWire,
  STREAM_DATA_FIELD,
} from './keys.ts'
export { redisKeyMaxLength, redisKeyTtl } from './limits.ts'
export { PROCESSING_ID_PATTERN, parseProcessingId, processingId } from './processing-id.ts'
export {
  type ParsedWorkerId,
  parseWorkerId,
  WORKER_ID_PATTERN,
  type WorkerId,
  type WorkerIdParts,
  workerId,
} from './worker-id.ts'
