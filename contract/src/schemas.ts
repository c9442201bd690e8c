// ----------------------------------------------------------------------------
// The schema registry: every message that crosses a boundary, and the shared
// pieces they are built from. tools/codegen serialises exactly this list; a
// shared piece is emitted once under $defs (named by its title) and referenced.
// ----------------------------------------------------------------------------
import type { TSchema } from '@sinclair/typebox'
import { AosCwfsPipeline, AosFamPipeline, ControlName, ControlRejection, ReadbackOutcome } from './controls/index.ts'
import { Camera } from './identifiers/cameras.ts'
import { Controller, Instrument } from './identifiers/instruments.ts'
import { TimeMode, WorkerMode } from './identifiers/modes.ts'
import { FocalPlanePattern } from './identifiers/patterns.ts'
import { Pipeline, Step, Who } from './identifiers/pipelines.ts'
import { Service } from './identifiers/services.ts'
import { SecondaryStatus, WorkerFlavour, WorkerStatus } from './identifiers/workers.ts'
import type { MessageSpec } from './internal/message.ts'
import { AlarmMessage, AlarmSeverity } from './messages/alarm.ts'
import { BucketNotificationMessage, BucketNotificationRecord } from './messages/bucket-notification.ts'
import { ClusterStatusEntryMessage } from './messages/cluster-status.ts'
import {
  DetectorId,
  ExposureId,
  KeySeq,
  PayloadId,
  ProcessingId,
  SeqNum,
  UtcTime,
  WorkerIdString,
} from './messages/common.ts'
import { GatherReadyMessage, PayloadOutcome, PayloadTimingMessage } from './messages/completion.ts'
import { ConsdbRowMessages } from './messages/consdb-rows.ts'
import { ControlCommandMessage, ControlReadbackMessage } from './messages/control.ts'
import { DeadLetterMessage } from './messages/dead-letter.ts'
import { ExposureRecordMessage } from './messages/exposure-record.ts'
import {
  MetadataCell,
  MetadataRow,
  MetadataScalar,
  MetadataShardMessage,
  MetadataTableMessage,
} from './messages/metadata.ts'
import { NightReportTextMessage } from './messages/night-report.ts'
import { ObjectWrittenMessage } from './messages/object-written.ts'
import { DataId, OneOffTask, PayloadMessage, ProcessPayload, RestartPayload } from './messages/payload.ts'
import {
  RubinTvClientMessageSpec,
  RubinTvProduct,
  RubinTvServerMessageSpec,
  RubinTvTopic,
} from './messages/rubintv-ws.ts'
import { WorkerStatusMessage } from './messages/worker-status.ts'
import { ClusterStatusSet } from './redis/cluster-status-sets.ts'
import { DayObs } from './time/day-obs.ts'

/** Shared schema pieces, emitted once each under $defs by title. */
export const SHARED_SCHEMAS: readonly TSchema[] = [
  Instrument.schema,
  Controller.schema,
  Camera.schema,
  Pipeline.schema,
  Step.schema,
  Who.schema,
  FocalPlanePattern.schema,
  TimeMode.schema,
  WorkerMode.schema,
  WorkerFlavour.schema,
  WorkerStatus.schema,
  SecondaryStatus.schema,
  Service.schema,
  OneOffTask.schema,
  AlarmSeverity.schema,
  ClusterStatusSet.schema,
  ControlName.schema,
  AosCwfsPipeline.schema,
  AosFamPipeline.schema,
  ReadbackOutcome.schema,
  ControlRejection.schema,
  DayObs,
  UtcTime,
  SeqNum,
  KeySeq,
  ExposureId,
  DetectorId,
  WorkerIdString,
  PayloadId,
  ProcessingId,
  DataId,
  ProcessPayload,
  RestartPayload,
  PayloadOutcome,
  BucketNotificationRecord,
  MetadataScalar,
  MetadataCell,
  MetadataRow,
  RubinTvTopic,
  RubinTvProduct,
]

/** Every message, in documentation order. */
export const MESSAGES: readonly MessageSpec[] = [
  ExposureRecordMessage,
  PayloadMessage,
  WorkerStatusMessage,
  GatherReadyMessage,
  PayloadTimingMessage,
  BucketNotificationMessage,
  ClusterStatusEntryMessage,
  ControlCommandMessage,
  ControlReadbackMessage,
  MetadataShardMessage,
  MetadataTableMessage,
  NightReportTextMessage,
  ObjectWrittenMessage,
  AlarmMessage,
  DeadLetterMessage,
  ...ConsdbRowMessages,
  RubinTvClientMessageSpec,
  RubinTvServerMessageSpec,
]
