// ----------------------------------------------------------------------------
// Control commands and their structured read-backs (boundaries 5 and 6).
// The Redis control key itself carries only the plain value (RubinTV SETs it
// as-is); ControlCommand is the request an admin UI or ./ra sends to have one
// written. ControlReadback is one entry of `stream:RUBINTV_CONTROL_READBACKS`,
// written alongside the legacy `{key}_READBACK` string.
// ----------------------------------------------------------------------------
import { type Static, Type } from '@sinclair/typebox'
import { ControlRejection, ReadbackOutcome } from '../controls/domains.ts'
import { ControlName } from '../controls/names.ts'
import { defineMessage, schemaId } from '../internal/message.ts'
import { UtcTime } from './common.ts'

export const ControlCommand = Type.Object(
  {
    control: ControlName.schema,
    // Control values are short tokens or ids; the bound keeps junk out of logs and read-backs.
    value: Type.String({
      maxLength: 200,
      description: 'As the operator chose it (menu spellings allowed); validated with parseControlValue.',
    }),
    user: Type.Optional(
      Type.String({ minLength: 1, description: 'Authenticated user who sent it, for the audit log.' }),
    ),
    requestedAt: Type.Optional(UtcTime),
  },
  {
    $id: schemaId('control-command'),
    title: 'ControlCommand',
    description: 'A request to set one processing control; the server writes `value` to RUBINTV_CONTROL_{control}.',
    additionalProperties: false,
  },
)
export type ControlCommand = Static<typeof ControlCommand>

export const ControlCommandMessage = defineMessage({
  name: 'ControlCommand',
  stem: 'control-command',
  schema: ControlCommand,
  carrier: 'http-body',
  producers: ['rubintv', 'ra-cli'],
  consumers: ['rubintv'],
  examples: [
    { control: 'AOS_PIPELINE', value: 'DANISH', user: 'alice', requestedAt: '2025-11-16T03:12:40.000Z' },
    { control: 'RESET_SFM_SET_0', value: 'reset' },
  ],
})

export const ControlReadback = Type.Object(
  {
    control: ControlName.schema,
    requested: Type.String({ maxLength: 200, description: 'The raw value taken from the control key.' }),
    outcome: ReadbackOutcome.schema,
    value: Type.String({
      maxLength: 200,
      description: 'Canonical value in effect after the command ("" if none is known); RESET for resets.',
    }),
    reason: Type.Optional(Type.String({ minLength: 1, description: 'Why it was rejected, for the operator.' })),
    code: Type.Optional(ControlRejection.schema),
    at: UtcTime,
  },
  {
    $id: schemaId('control-readback'),
    title: 'ControlReadback',
    description:
      'What a consumer did with one control command (stream entry, field `data`); rejected entries carry code and reason.',
    additionalProperties: false,
  },
)
export type ControlReadback = Static<typeof ControlReadback>

export const ControlReadbackMessage = defineMessage({
  name: 'ControlReadback',
  stem: 'control-readback',
  schema: ControlReadback,
  carrier: 'redis-stream',
  producers: ['head-node', 'cluster-manager', 'worker'],
  consumers: ['rubintv', 'ra-cli'],
  examples: [
    {
      control: 'AOS_PIPELINE',
      requested: 'DANISH',
      outcome: 'applied',
      value: 'AOS_DANISH',
      at: '2025-11-16T03:12:41.000Z',
    },
    {
      control: 'AOS_FAM_PIPELINE',
      requested: 'TIE',
      outcome: 'rejected',
      value: 'AOS_FAM_DANISH',
      reason: 'exposure 2025111500227 (intra-focal) is waiting for its extra-focal partner',
      code: 'BETWEEN_PAIR',
      at: '2025-11-16T03:14:02.120Z',
    },
    {
      control: 'CHIP_SELECTION',
      requested: '5-on-a-die',
      outcome: 'unchanged',
      value: '5_ON_A_DIE',
      at: '2025-11-16T03:20:00Z',
    },
  ],
})
