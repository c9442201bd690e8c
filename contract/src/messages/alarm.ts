// Alarm: the Catcher's output (TSTN-034), modelled on the Watcher's alarm states.
import { type Static, Type } from '@sinclair/typebox'
import { defineIdentifiers } from '../internal/identifier-set.ts'
import { defineMessage, schemaId } from '../internal/message.ts'
import { DayObs } from '../time/day-obs.ts'
import { ExposureId, UtcTime } from './common.ts'

export const AlarmSeverity = defineIdentifiers({
  name: 'AlarmSeverity',
  description: 'Alarm severity, as the Watcher CSC grades it.',
  values: ['NONE', 'WARNING', 'SERIOUS', 'CRITICAL'],
  docs: {
    NONE: 'The condition has cleared.',
    WARNING: 'Worth a look.',
    SERIOUS: 'Needs action soon.',
    CRITICAL: 'Needs action now.',
  },
})

export const Alarm = Type.Object(
  {
    name: Type.String({
      pattern: '^[A-Za-z0-9_.:-]+$',
      description: 'Stable alarm name, e.g. Catcher.PsfFwhm.LSSTCam',
    }),
    rule: Type.String({ description: 'The rule that raised it.' }),
    severity: AlarmSeverity.schema,
    maxSeverity: AlarmSeverity.schema,
    reason: Type.String({ description: 'What was seen, for people.' }),
    acknowledged: Type.Boolean(),
    acknowledgedBy: Type.Optional(Type.String()),
    dayObs: Type.Optional(DayObs),
    exposureId: Type.Optional(ExposureId),
    raisedAt: UtcTime,
    updatedAt: UtcTime,
  },
  {
    $id: schemaId('alarm'),
    title: 'Alarm',
    description: 'The state of one Catcher alarm after a change (stream entry, field `data`).',
    additionalProperties: false,
  },
)
export type Alarm = Static<typeof Alarm>

export const AlarmMessage = defineMessage({
  name: 'Alarm',
  stem: 'alarm',
  schema: Alarm,
  carrier: 'redis-stream',
  producers: ['catcher'],
  consumers: ['rubintv', 'ra-cli'],
  examples: [
    {
      name: 'Catcher.PsfFwhm.LSSTCam',
      rule: 'psf-fwhm-above-threshold',
      severity: 'WARNING',
      maxSeverity: 'WARNING',
      reason: 'Median PSF FWHM 1.6" > 1.5" for 3 consecutive visits',
      acknowledged: false,
      dayObs: 20251115,
      exposureId: 2025111500226,
      raisedAt: '2025-11-16T03:14:00.000Z',
      updatedAt: '2025-11-16T03:14:00.000Z',
    },
  ],
})
