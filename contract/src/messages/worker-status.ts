// WorkerStatus: what a worker says about itself with every heartbeat (boundary 3).
import { type Static, Type } from '@sinclair/typebox'
import { Instrument } from '../identifiers/instruments.ts'
import { WorkerMode } from '../identifiers/modes.ts'
import { SecondaryStatus, WorkerFlavour } from '../identifiers/workers.ts'
import { defineMessage, schemaId } from '../internal/message.ts'
import { DetectorId, PayloadId, UtcTime, WorkerIdString } from './common.ts'

export const WorkerStatusReport = Type.Object(
  {
    workerId: WorkerIdString,
    flavour: WorkerFlavour.schema,
    instrument: Instrument.schema,
    depth: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
    detector: Type.Optional(DetectorId),
    state: Type.Union([Type.Literal('free'), Type.Literal('busy')]),
    secondary: SecondaryStatus.schema,
    mode: WorkerMode.schema,
    currentPayloadId: Type.Optional(PayloadId),
    busySince: Type.Optional(UtcTime),
    updatedAt: UtcTime,
    host: Type.String({ description: 'Pod or host name, for operators.' }),
    pid: Type.Integer({ minimum: 1 }),
  },
  {
    $id: schemaId('worker-status'),
    title: 'WorkerStatusReport',
    description: 'A worker’s heartbeat value; the key expires when heartbeats stop, which is how a death is seen.',
    additionalProperties: false,
  },
)
export type WorkerStatusReport = Static<typeof WorkerStatusReport>

export const WorkerStatusMessage = defineMessage({
  name: 'WorkerStatusReport',
  stem: 'worker-status',
  schema: WorkerStatusReport,
  carrier: 'redis-string',
  producers: ['worker', 'step1b-worker', 'head-node'],
  consumers: ['cluster-manager', 'head-node', 'ra-cli'],
  examples: [
    {
      workerId: 'SFM_WORKER-LSSTCam-000-094',
      flavour: 'SFM_WORKER',
      instrument: 'LSSTCam',
      depth: 0,
      detector: 94,
      state: 'busy',
      secondary: '',
      mode: 'CONSUMING',
      currentPayloadId: '2025111500226-SFM-094-1',
      busySince: '2025-11-16T03:12:46.000Z',
      updatedAt: '2025-11-16T03:12:50.000Z',
      host: 'sfm-set-0-94',
      pid: 17,
    },
  ],
})
