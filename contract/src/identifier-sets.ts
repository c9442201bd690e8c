// Every identifier set of the contract, wherever it is declared: for the docs,
// the compatibility surface and the CLI. A set missing here is missing from the
// rename guard, so a test checks that every exported set is listed.
import { ConsdbSchema, ConsdbTable } from './consdb/index.ts'
import { AosCwfsPipeline, AosFamPipeline, ControlName, ControlRejection, ReadbackOutcome } from './controls/index.ts'
import { DetectorPurpose, PhysicalType } from './detectors/index.ts'
import { Camera } from './identifiers/cameras.ts'
import { Controller, Instrument } from './identifiers/instruments.ts'
import { TimeMode, WorkerMode } from './identifiers/modes.ts'
import { FocalPlanePattern } from './identifiers/patterns.ts'
import { Pipeline, Step, Who } from './identifiers/pipelines.ts'
import { Service } from './identifiers/services.ts'
import { SecondaryStatus, WorkerFlavour, WorkerStatus } from './identifiers/workers.ts'
import type { IdentifierSet } from './internal/identifier-set.ts'
import { AlarmSeverity } from './messages/alarm.ts'
import { OneOffTask } from './messages/payload.ts'
import { ClusterStatusSet } from './redis/cluster-status-sets.ts'
import { Location, MetadataChannel, RaSite, RubinTvSite } from './registry/index.ts'

export const IDENTIFIER_SETS: readonly IdentifierSet<string>[] = [
  Instrument,
  Controller,
  Camera,
  Location,
  RubinTvSite,
  RaSite,
  MetadataChannel,
  Pipeline,
  Step,
  Who,
  OneOffTask,
  FocalPlanePattern,
  TimeMode,
  WorkerMode,
  WorkerFlavour,
  WorkerStatus,
  SecondaryStatus,
  PhysicalType,
  DetectorPurpose,
  ClusterStatusSet,
  ControlName,
  AosCwfsPipeline,
  AosFamPipeline,
  ReadbackOutcome,
  ControlRejection,
  ConsdbSchema,
  ConsdbTable,
  AlarmSeverity,
  Service,
]
