// Payloads: the unit of work (head node / cluster manager -> workers, boundary 2).
import { type Static, Type } from '@sinclair/typebox'
import { Instrument } from '../identifiers/instruments.ts'
import { Pipeline, Step, Who } from '../identifiers/pipelines.ts'
import { SecondaryStatus } from '../identifiers/workers.ts'
import { defineIdentifiers } from '../internal/identifier-set.ts'
import { defineMessage, schemaId } from '../internal/message.ts'
import { DetectorId, ExposureId, PayloadId, UtcTime, WorkerIdString } from './common.ts'

export const OneOffTask = defineIdentifiers({
  name: 'OneOffTask',
  description: 'A per-exposure single-purpose analysis.',
  values: ['EXPOSURE_RECORD', 'POST_ISR', 'VISIT_IMAGE', 'GUIDER', 'MOSAIC_POST_ISR', 'MOSAIC_VISIT_IMAGE'],
  docs: {
    EXPOSURE_RECORD: 'Exposure-record analysis (no pixels): timing, mount, event timeline.',
    POST_ISR: 'Analysis of the witness detector’s post-ISR image.',
    VISIT_IMAGE: 'Visit-averaged summary statistics and pointing offsets.',
    GUIDER: 'Guider stamp analysis (centroid, flux and PSF trends, movies).',
    MOSAIC_POST_ISR: 'Focal-plane mosaic of the binned post-ISR images.',
    MOSAIC_VISIT_IMAGE: 'Focal-plane mosaic of the binned visit images.',
  },
  loose: false,
})
export type OneOffTask = (typeof OneOffTask.values)[number]

export const DataId = Type.Object(
  {
    instrument: Instrument.schema,
    exposure: Type.Optional(ExposureId),
    visit: Type.Optional(ExposureId),
    detector: Type.Optional(DetectorId),
  },
  {
    title: 'DataId',
    description: 'Required dimensions of a butler data id: instrument plus exposure or visit, and detector if any.',
    additionalProperties: false,
  },
)
export type DataId = Static<typeof DataId>

export const ProcessPayload = Type.Object(
  {
    kind: Type.Literal('process'),
    payloadId: PayloadId,
    instrument: Instrument.schema,
    step: Step.schema,
    who: Who.schema,
    pipeline: Type.Optional(Pipeline.schema),
    task: Type.Optional(OneOffTask.schema),
    dataIds: Type.Array(DataId, { minItems: 1, description: 'One for ordinary payloads; two for wavefront pairs.' }),
    run: Type.String({ description: 'Output collection, e.g. LSSTCam/runs/quickLook/7.' }),
    specialMessage: SecondaryStatus.schema,
    attempt: Type.Integer({ minimum: 1, description: '1 on first dispatch; incremented when re-queued after a loss.' }),
    enqueuedAt: UtcTime,
  },
  {
    title: 'ProcessPayload',
    description: 'Process some data ids with a pipeline or one-off task.',
    additionalProperties: false,
  },
)

export const RestartPayload = Type.Object(
  {
    kind: Type.Literal('restart'),
    payloadId: PayloadId,
    target: WorkerIdString,
    reason: Type.String({ description: 'Why, for the log (e.g. "RUBINTV_CONTROL_RESET_SFM_SET_0 by alice").' }),
    enqueuedAt: UtcTime,
  },
  {
    title: 'RestartPayload',
    description: 'Pushed to the top of a worker queue: finish current work, then exit so the pod restarts.',
    additionalProperties: false,
  },
)

export const Payload = Type.Union([ProcessPayload, RestartPayload], {
  $id: schemaId('payload'),
  title: 'Payload',
  description: 'A unit of work on a worker queue: a process payload or a restart request (told apart by `kind`).',
})
export type Payload = Static<typeof Payload>
export type ProcessPayload = Static<typeof ProcessPayload>
export type RestartPayload = Static<typeof RestartPayload>

export const PayloadMessage = defineMessage({
  name: 'Payload',
  stem: 'payload',
  schema: Payload,
  carrier: 'redis-list',
  producers: ['head-node', 'cluster-manager'],
  consumers: ['worker', 'step1b-worker'],
  examples: [
    {
      kind: 'process',
      payloadId: '2025111500226-SFM-094-1',
      instrument: 'LSSTCam',
      step: 'step1a',
      who: 'SFM',
      pipeline: 'SFM',
      dataIds: [{ instrument: 'LSSTCam', exposure: 2025111500226, detector: 94 }],
      run: 'LSSTCam/runs/quickLook/7',
      specialMessage: '',
      attempt: 1,
      enqueuedAt: '2025-11-16T03:12:45.100Z',
    },
    {
      kind: 'restart',
      payloadId: 'restart-SFM_WORKER-LSSTCam-000-094-1',
      target: 'SFM_WORKER-LSSTCam-000-094',
      reason: 'RUBINTV_CONTROL_RESET_SFM_SET_0',
      enqueuedAt: '2025-11-16T03:12:45.100Z',
    },
  ],
})
