// ExposureRecord: "a raw landed" (watcher -> head node, boundary 1).
import { type Static, Type } from '@sinclair/typebox'
import { Controller, Instrument } from '../identifiers/instruments.ts'
import { defineMessage, schemaId } from '../internal/message.ts'
import { DayObs } from '../time/day-obs.ts'
import { ExposureId, SeqNum, UtcTime } from './common.ts'

const nullableNumber = () => Type.Union([Type.Number(), Type.Null()])

export const ExposureRecord = Type.Object(
  {
    instrument: Instrument.schema,
    exposureId: ExposureId,
    obsId: Type.String({ description: 'e.g. MC_O_20250415_000060', pattern: '^[A-Z]{2}_[OCHPQS]_\\d{8}_\\d{6}$' }),
    dayObs: DayObs,
    seqNum: SeqNum,
    controller: Controller.schema,
    groupId: Type.String({ description: 'Observation group: exposures taken together (e.g. a cwfs pair).' }),
    observationType: Type.String({
      description: 'Lower-case image type as the butler records it: science, bias, dark, flat, cwfs, acq, …',
      pattern: '^[a-z][a-z0-9_]*$',
    }),
    observationReason: Type.String({ description: 'Why it was taken (e.g. intra, extra, field_survey_science).' }),
    physicalFilter: Type.String({ description: 'e.g. r_57, SDSSr_65mm~empty' }),
    exposureTime: Type.Number({ minimum: 0, description: 'Seconds.' }),
    darkTime: Type.Number({ minimum: 0, description: 'Seconds.' }),
    targetName: Type.String(),
    scienceProgram: Type.String(),
    trackingRa: nullableNumber(),
    trackingDec: nullableNumber(),
    skyAngle: nullableNumber(),
    azimuth: nullableNumber(),
    zenithAngle: nullableNumber(),
    canSeeSky: Type.Union([Type.Boolean(), Type.Null()]),
    timespanBegin: UtcTime,
    timespanEnd: UtcTime,
    rawUri: Type.Optional(
      Type.String({
        description: 'Where the raw files are: s3://bucket/prefix/ or file:///dir/ (one file per detector).',
      }),
    ),
  },
  {
    $id: schemaId('exposure-record'),
    title: 'ExposureRecord',
    description: 'A new raw exposure, announced once by a watcher onto the instrument’s incoming queue.',
    additionalProperties: false,
  },
)
export type ExposureRecord = Static<typeof ExposureRecord>

export const ExposureRecordMessage = defineMessage({
  name: 'ExposureRecord',
  stem: 'exposure-record',
  schema: ExposureRecord,
  carrier: 'redis-list',
  producers: ['watcher'],
  consumers: ['head-node'],
  examples: [
    {
      instrument: 'LSSTCam',
      exposureId: 2025060900578,
      obsId: 'MC_O_20250609_000578',
      dayObs: 20250609,
      seqNum: 578,
      controller: 'O',
      groupId: '2025-06-10T06:46:03.384',
      observationType: 'science',
      observationReason: 'field_survey_science',
      physicalFilter: 'y_10',
      exposureTime: 30,
      darkTime: 30.8,
      targetName: 'Rubin_SV_320_-15',
      scienceProgram: 'BLOCK-365',
      trackingRa: 320.1,
      trackingDec: -15.2,
      skyAngle: 12.5,
      azimuth: 140.2,
      zenithAngle: 22.7,
      canSeeSky: true,
      timespanBegin: '2025-06-10T06:46:05.123Z',
      timespanEnd: '2025-06-10T06:46:35.123Z',
      rawUri: 's3://rubin-raw/LSSTCam/20250609/MC_O_20250609_000578/',
    },
  ],
})
