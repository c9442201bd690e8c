// Every identifier set of the contract, for docs, the surface snapshot and the CLI.
import type { IdentifierSet } from '../internal/identifier-set.ts'
import { AlarmSeverity } from '../messages/alarm.ts'
import { OneOffTask } from '../messages/payload.ts'
import { Camera } from './cameras.ts'
import { Controller, Instrument } from './instruments.ts'
import { TimeMode, WorkerMode } from './modes.ts'
import { FocalPlanePattern } from './patterns.ts'
import { Pipeline, Step, Who } from './pipelines.ts'
import { Service } from './services.ts'
import { SecondaryStatus, WorkerFlavour, WorkerStatus } from './workers.ts'

export { Camera, Controller, FocalPlanePattern, Instrument, Pipeline, SecondaryStatus, Service, Step, TimeMode, Who }
export { WorkerFlavour, WorkerMode, WorkerStatus }

export const IDENTIFIER_SETS: readonly IdentifierSet<string>[] = [
  Instrument,
  Controller,
  Camera,
  Pipeline,
  Step,
  Who,
  FocalPlanePattern,
  TimeMode,
  WorkerMode,
  WorkerFlavour,
  WorkerStatus,
  SecondaryStatus,
  OneOffTask,
  AlarmSeverity,
  Service,
]
