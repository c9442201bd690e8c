// BucketNotification: an S3/Ceph bucket notification as the raw bucket sends it
// (the shape auto-ingest receives). External: read tolerantly, never written by RA.
import { type Static, Type } from '@sinclair/typebox'
import { defineMessage, schemaId } from '../internal/message.ts'

export const BucketNotificationRecord = Type.Object(
  {
    eventName: Type.String({ description: 'e.g. ObjectCreated:Put, s3:ObjectCreated:CompleteMultipartUpload' }),
    eventTime: Type.Optional(Type.String()),
    s3: Type.Object({
      bucket: Type.Object({ name: Type.String({ minLength: 1 }) }),
      object: Type.Object({
        key: Type.String({ minLength: 1, description: 'URL-encoded object key (spaces as +).' }),
        size: Type.Optional(Type.Integer({ minimum: 0 })),
        eTag: Type.Optional(Type.String()),
      }),
    }),
  },
  { title: 'BucketNotificationRecord', description: 'One event of a bucket notification.' },
)

export const BucketNotification = Type.Object(
  { Records: Type.Array(BucketNotificationRecord) },
  {
    $id: schemaId('bucket-notification'),
    title: 'BucketNotification',
    description: 'An S3/Ceph bucket notification (webhook body) announcing objects written to the raw bucket.',
  },
)
export type BucketNotification = Static<typeof BucketNotification>

export const BucketNotificationMessage = defineMessage({
  name: 'BucketNotification',
  stem: 'bucket-notification',
  schema: BucketNotification,
  carrier: 'http-body',
  producers: ['object-store', 'camera-simulator'],
  consumers: ['watcher'],
  examples: [
    {
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          eventTime: '2025-04-16T03:12:40.100Z',
          s3: {
            bucket: { name: 'rubin-raw' },
            object: { key: 'LSSTCam/20250415/MC_O_20250415_000060/MC_O_20250415_000060.json', size: 1893 },
          },
        },
      ],
    },
  ],
})
