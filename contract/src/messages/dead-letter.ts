// DeadLetter: bad input set aside with its reason; nothing is lost and the loop goes on.
import { type Static, Type } from '@sinclair/typebox'
import { RA_SERVICES, Service } from '../identifiers/services.ts'
import { defineMessage, schemaId } from '../internal/message.ts'
import { UtcTime } from './common.ts'

export const DeadLetter = Type.Object(
  {
    service: Service.schema,
    source: Type.String({ description: 'Where the input came from: a Redis key or stream, an HTTP route, an S3 key.' }),
    code: Type.String({ pattern: '^RA_[A-Z0-9_]+$', description: 'Stable error code.' }),
    reason: Type.String({ description: 'What was wrong and what to do about it.' }),
    input: Type.String({ description: 'The input exactly as received (truncated to 64 KiB).' }),
    attempts: Type.Integer({ minimum: 1 }),
    at: UtcTime,
  },
  {
    $id: schemaId('dead-letter'),
    title: 'DeadLetter',
    description: 'A refused input kept for inspection and replay (stream entry, field `data`).',
    additionalProperties: false,
  },
)
export type DeadLetter = Static<typeof DeadLetter>

export const DeadLetterMessage = defineMessage({
  name: 'DeadLetter',
  stem: 'dead-letter',
  schema: DeadLetter,
  carrier: 'redis-stream',
  // Every RA service sets bad input aside; RubinTV does too (notifications it refuses).
  producers: [...RA_SERVICES, 'rubintv'],
  consumers: ['ra-cli', 'catcher'],
  examples: [
    {
      service: 'head-node',
      source: 'RUBINTV_CONTROL_CHIP_SELECTION',
      code: 'RA_CONTROL_INVALID_VALUE',
      reason: "unknown FocalPlanePattern 'checkers'; expected one of: ALL, CCD_CHECKERBOARD, …",
      input: 'checkers',
      attempts: 1,
      at: '2025-11-16T03:14:00.000Z',
    },
  ],
})
