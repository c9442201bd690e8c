// Completion bookkeeping messages (workers -> head node, boundary 3).
import { type Static, Type } from '@sinclair/typebox'
import { Instrument } from '../identifiers/instruments.ts'
import { Pipeline, Who } from '../identifiers/pipelines.ts'
import { defineMessage, schemaId } from '../internal/message.ts'
import { DetectorId, PayloadId, ProcessingId, UtcTime, WorkerIdString } from './common.ts'

export const PayloadOutcome = Type.Union(
  [Type.Literal('finished'), Type.Literal('failed'), Type.Literal('skipped'), Type.Literal('abandoned')],
  {
    title: 'PayloadOutcome',
    description:
      'finished: done; failed: the pipeline failed (finished-but-failed); skipped: dropped unprocessed by the worker mode; abandoned: backlog work a MURDEROUS worker interrupted and put back on its queue (not a completion).',
  },
)

export const GatherReady = Type.Object(
  {
    instrument: Instrument.schema,
    who: Who.schema,
    processingId: ProcessingId,
    expected: Type.Integer({ minimum: 1 }),
    failedDetectors: Type.Array(DetectorId, {
      description: 'Detectors that failed or were skipped; the visit step tolerates them.',
    }),
    at: UtcTime,
  },
  {
    $id: schemaId('gather-ready'),
    title: 'GatherReady',
    description:
      'Every expected detector of a processing id has finished or failed: written once, atomically, by the worker that completed the last one.',
    additionalProperties: false,
  },
)
export type GatherReady = Static<typeof GatherReady>

export const PayloadTiming = Type.Object(
  {
    payloadId: PayloadId,
    workerId: WorkerIdString,
    instrument: Instrument.schema,
    who: Who.schema,
    processingId: ProcessingId,
    detector: Type.Optional(DetectorId),
    pipeline: Type.Optional(Pipeline.schema),
    outcome: PayloadOutcome,
    attempt: Type.Optional(Type.Integer({ minimum: 1, description: 'The payload’s attempt number.' })),
    outputs: Type.Optional(
      Type.Array(Type.String(), { description: 'Outputs the pipeline declared (external executor).' }),
    ),
    reason: Type.Optional(Type.String()),
    enqueuedAt: UtcTime,
    startedAt: UtcTime,
    finishedAt: UtcTime,
  },
  {
    $id: schemaId('payload-timing'),
    title: 'PayloadTiming',
    description:
      'How one payload went: who ran it, when, and how it ended (for status, scenarios and the performance monitor).',
    additionalProperties: false,
  },
)
export type PayloadTiming = Static<typeof PayloadTiming>

export const GatherReadyMessage = defineMessage({
  name: 'GatherReady',
  stem: 'gather-ready',
  schema: GatherReady,
  carrier: 'redis-stream',
  producers: ['worker', 'step1b-worker'],
  consumers: ['head-node'],
  examples: [
    {
      instrument: 'LSSTCam',
      who: 'SFM',
      processingId: '2025111500226',
      expected: 189,
      failedDetectors: [12, 140],
      at: '2025-11-16T03:13:20.500Z',
    },
  ],
})

export const PayloadTimingMessage = defineMessage({
  name: 'PayloadTiming',
  stem: 'payload-timing',
  schema: PayloadTiming,
  carrier: 'redis-stream',
  producers: ['worker', 'step1b-worker'],
  consumers: ['snowflakes', 'ra-cli'],
  examples: [
    {
      payloadId: '2025111500226-SFM-094-1',
      workerId: 'SFM_WORKER-LSSTCam-000-094',
      instrument: 'LSSTCam',
      who: 'SFM',
      processingId: '2025111500226',
      detector: 94,
      pipeline: 'SFM',
      outcome: 'finished',
      enqueuedAt: '2025-11-16T03:12:45.100Z',
      startedAt: '2025-11-16T03:12:45.102Z',
      finishedAt: '2025-11-16T03:13:05.900Z',
    },
  ],
})
