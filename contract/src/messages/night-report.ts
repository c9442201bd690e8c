// NightReportText: the night report's text file (..._md.json) RubinTV renders.
import { type Static, Type } from '@sinclair/typebox'
import { defineMessage, schemaId } from '../internal/message.ts'

export const NightReportText = Type.Record(Type.String({ pattern: '^[A-Za-z0-9_ .()-]+$' }), Type.String(), {
  $id: schemaId('night-report-text'),
  title: 'NightReportText',
  description:
    'Night report text: keys text_NNN are multi-line text blocks (the Efficiency tab); other keys are QA plot titles → links.',
})
export type NightReportText = Static<typeof NightReportText>

export const NightReportTextMessage = defineMessage({
  name: 'NightReportText',
  stem: 'night-report-text',
  schema: NightReportText,
  carrier: 's3-object',
  producers: ['snowflakes'],
  consumers: ['rubintv'],
  examples: [
    {
      text_010: 'Night of 2025-11-15: 412 exposures, 389 on sky.\nOpen-shutter fraction 78%.',
      text_020: 'Median PSF FWHM 0.82"',
      'Seeing vs time': 'https://example.org/seeing.png',
    },
  ],
})
