// The core identifier sets (names declared once; schemas, guards and parsers derive from them).
import { Camera } from './cameras.ts'
import { Controller, Instrument } from './instruments.ts'
import { TimeMode, WorkerMode } from './modes.ts'
import { FocalPlanePattern } from './patterns.ts'
import { Pipeline, Step, Who } from './pipelines.ts'
import { RA_SERVICES, Service } from './services.ts'
import { SecondaryStatus, WorkerFlavour, WorkerStatus } from './workers.ts'

export {
  Camera,
  Controller,
  FocalPlanePattern,
  Instrument,
  Pipeline,
  RA_SERVICES,
  SecondaryStatus,
  Service,
  Step,
  TimeMode,
  Who,
  WorkerFlavour,
  WorkerMode,
  WorkerStatus,
}
