// Every message schema (TypeBox value) and its static type. The generated
// interfaces in contract/generated/types.ts are held equal to these by a type-level test.
export { Alarm, AlarmSeverity } from './alarm.ts'
export { BucketNotification, BucketNotificationRecord } from './bucket-notification.ts'
export { ClusterStatusEntry } from './cluster-status.ts'
export { DetectorId, ExposureId, KeySeq, PayloadId, ProcessingId, SeqNum, UtcTime, WorkerIdString } from './common.ts'
export { GatherReady, PayloadOutcome, PayloadTiming } from './completion.ts'
export { ConsdbRowBatch, ConsdbRowMessages } from './consdb-rows.ts'
export { ControlCommand, ControlReadback } from './control.ts'
export { DeadLetter } from './dead-letter.ts'
export { ExposureRecord } from './exposure-record.ts'
export {
  CELL_FLAGS,
  type CellFlag,
  DISPLAY_VALUE,
  FLAG_PREFIX,
  MetadataCell,
  MetadataRow,
  MetadataScalar,
  MetadataShard,
  MetadataTable,
  PLACEHOLDER_PREFIX,
} from './metadata.ts'
export { NightReportText } from './night-report.ts'
export { ObjectWritten } from './object-written.ts'
export { DataId, OneOffTask, Payload, ProcessPayload, RestartPayload } from './payload.ts'
export {
  RubinTvClientMessage,
  RubinTvProduct,
  RubinTvServerMessage,
  RubinTvTopic,
} from './rubintv-ws.ts'
export { WorkerStatusReport } from './worker-status.ts'
