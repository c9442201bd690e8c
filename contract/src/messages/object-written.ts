// ObjectWritten: "a product is in S3" (RA -> RubinTV live, boundary 5). New: lets
// RubinTV show a product at once instead of finding it by listing the bucket.
import { type Static, Type } from '@sinclair/typebox'
import { Camera } from '../identifiers/cameras.ts'
import { Service } from '../identifiers/services.ts'
import { defineMessage, schemaId } from '../internal/message.ts'
import { DayObs } from '../time/day-obs.ts'
import { KeySeq, UtcTime } from './common.ts'

export const ObjectWritten = Type.Object(
  {
    kind: Type.Union(
      [
        Type.Literal('event'),
        Type.Literal('final'),
        Type.Literal('metadata'),
        Type.Literal('nightReportText'),
        Type.Literal('nightReportPlot'),
      ],
      { description: 'Which key kind was written (the contract’s S3 key kinds).' },
    ),
    bucket: Type.String({ minLength: 1 }),
    key: Type.String({ minLength: 1, description: 'The S3 key; parse it with the contract before use.' }),
    camera: Camera.schema,
    channel: Type.Optional(Type.String({ pattern: '^\\w+$' })),
    dayObs: DayObs,
    seq: Type.Optional(
      Type.Union([KeySeq, Type.Literal('final')], { description: 'The key’s seq, or final for per-day products.' }),
    ),
    etag: Type.Optional(Type.String()),
    size: Type.Optional(Type.Integer({ minimum: 0 })),
    changedSeqs: Type.Optional(
      Type.Array(KeySeq, { description: 'For metadata: the rows that changed, so consumers can send only those.' }),
    ),
    producer: Service.schema,
    writtenAt: UtcTime,
  },
  {
    $id: schemaId('object-written'),
    title: 'ObjectWritten',
    description: 'Notification that a product object was written to S3 (one stream entry, field `data`).',
    additionalProperties: false,
  },
)
export type ObjectWritten = Static<typeof ObjectWritten>

export const ObjectWrittenMessage = defineMessage({
  name: 'ObjectWritten',
  stem: 'object-written',
  schema: ObjectWritten,
  carrier: 'redis-stream',
  producers: ['worker', 'step1b-worker', 'metadata-server', 'snowflakes'],
  consumers: ['rubintv', 'catcher'],
  examples: [
    {
      kind: 'event',
      bucket: 'rubintv',
      key: 'lsstcam/2025-11-15/focal_plane_mosaic/000226/lsstcam_focal_plane_mosaic_2025-11-15_000226.jpg',
      camera: 'lsstcam',
      channel: 'focal_plane_mosaic',
      dayObs: 20251115,
      seq: 226,
      etag: '9b2cf535f27731c974343645a3985328',
      size: 482113,
      producer: 'worker',
      writtenAt: '2025-11-16T03:13:01.250Z',
    },
    {
      kind: 'metadata',
      bucket: 'rubintv',
      key: 'lsstcam/2025-11-15/metadata.json',
      camera: 'lsstcam',
      dayObs: 20251115,
      changedSeqs: [226],
      producer: 'metadata-server',
      writtenAt: '2025-11-16T03:13:02.000Z',
    },
  ],
})
