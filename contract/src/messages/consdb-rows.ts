// ConsDB quicklook rows RA writes (boundary 7), as messages: the row schemas come
// from ../consdb (columns extracted from the Felis schemas), restricted to RA's whitelist.
import { type Static, type TSchema, Type } from '@sinclair/typebox'
import {
  CcdExposureQuicklookRow,
  CcdVisit1QuicklookRow,
  CONSDB_SCHEMA_FOR_INSTRUMENT,
  ExposureQuicklookRow,
  LatissCcdExposureQuicklookRow,
  LatissCcdVisit1QuicklookRow,
  LatissExposureQuicklookRow,
  LatissVisit1QuicklookRow,
  RA_WRITTEN_COLUMNS,
  Visit1QuicklookRow,
} from '../consdb/index.ts'
import { Controller } from '../identifiers/instruments.ts'
import { Service } from '../identifiers/services.ts'
import { defineMessage, type MessageSpec, schemaId } from '../internal/message.ts'
import { UtcTime } from './common.ts'

function rowMessage<S extends TSchema>(schema: S, stem: string, examples: readonly unknown[]): MessageSpec<S> {
  const withId = { ...schema, $id: schemaId(stem) }
  return defineMessage({
    name: String(schema.title),
    stem,
    schema: withId,
    carrier: 'postgres-row',
    producers: ['consdb-writer'],
    consumers: ['rubintv', 'catcher'],
    examples,
  })
}

/** Instruments with a ConsDB schema, and the quicklook tables RA writes (the same for each). */
const CONSDB_INSTRUMENTS = Object.keys(CONSDB_SCHEMA_FOR_INSTRUMENT) as (keyof typeof CONSDB_SCHEMA_FOR_INSTRUMENT)[]
const QUICKLOOK_TABLES = Object.keys(RA_WRITTEN_COLUMNS.cdb_lsstcam) as (keyof typeof RA_WRITTEN_COLUMNS.cdb_lsstcam)[]

/** A column value as it crosses Redis: JSON scalars (timestamps as ISO strings). */
const ConsdbValue = Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()])

export const ConsdbRowBatch = Type.Object(
  {
    instrument: Type.Union(
      CONSDB_INSTRUMENTS.map((i) => Type.Literal(i)),
      { description: 'Which instrument, hence which ConsDB schema (CONSDB_SCHEMA_FOR_INSTRUMENT).' },
    ),
    table: Type.Union(
      QUICKLOOK_TABLES.map((t) => Type.Literal(t)),
      { description: 'The quicklook table the rows belong to.' },
    ),
    // The controller of the exposures: the writer computes ids a row leaves out from it (default O).
    controller: Type.Optional(Controller.schema),
    rows: Type.Array(Type.Record(Type.String(), ConsdbValue), {
      minItems: 1,
      maxItems: 1000,
      description:
        "Rows (or partial updates) of that table; each must match the table's row message (e.g. CcdVisit1QuicklookRow), except that the id column may be left for the writer to compute.",
    }),
    producer: Service.schema,
    writtenAt: UtcTime,
  },
  {
    $id: schemaId('consdb-row-batch'),
    title: 'ConsdbRowBatch',
    description:
      'Quicklook rows for one instrument and ConsDB table, on the consdbRows stream: the ConsDB writer upserts them keyed on the table’s primary key (day_obs, seq_num[, detector]).',
    additionalProperties: false,
  },
)
export type ConsdbRowBatch = Static<typeof ConsdbRowBatch>

const ConsdbRowBatchMessage = defineMessage({
  name: 'ConsdbRowBatch',
  stem: 'consdb-row-batch',
  schema: ConsdbRowBatch,
  carrier: 'redis-stream',
  producers: ['head-node', 'worker', 'step1b-worker', 'snowflakes'],
  consumers: ['consdb-writer'],
  examples: [
    {
      instrument: 'LSSTCam',
      table: 'ccdvisit1_quicklook',
      rows: [{ day_obs: 20251115, seq_num: 226, detector: 94, psf_sigma: 1.93, sky_bg: 812.5, n_psf_star: 41 }],
      producer: 'worker',
      writtenAt: '2025-11-16T03:13:01.250Z',
    },
    {
      instrument: 'LATISS',
      table: 'exposure_quicklook',
      controller: 'O',
      rows: [{ exposure_id: 2024062400106, day_obs: 20240624, seq_num: 106, mount_jitter_rms: 0.05 }],
      producer: 'step1b-worker',
      writtenAt: '2024-06-25T01:02:03.000Z',
    },
  ],
})

// ccdvisit_id packs (day_obs, seq_num, detector, controller); 730865976064 is ComCamSim S 20240403 seq 451 det 0.
export const ConsdbRowMessages = [
  rowMessage(CcdVisit1QuicklookRow, 'consdb-lsstcam-ccdvisit1-quicklook', [
    {
      day_obs: 20240403,
      seq_num: 451,
      detector: 0,
      ccdvisit_id: 730865976064,
      psf_sigma: 1.93,
      sky_bg: 812.5,
      n_psf_star: 41,
    },
  ]),
  rowMessage(Visit1QuicklookRow, 'consdb-lsstcam-visit1-quicklook', [
    { visit_id: 2025111500226, day_obs: 20251115, seq_num: 226, n_inputs: 189, psf_sigma_median: 1.9 },
  ]),
  rowMessage(ExposureQuicklookRow, 'consdb-lsstcam-exposure-quicklook', [
    { exposure_id: 2025111500226, day_obs: 20251115, seq_num: 226, mount_motion_image_degradation: 0.12 },
  ]),
  rowMessage(LatissCcdVisit1QuicklookRow, 'consdb-latiss-ccdvisit1-quicklook', [
    { day_obs: 20240624, seq_num: 106, detector: 0, ccdvisit_id: 44358986240, psf_sigma: 2.4 },
  ]),
  rowMessage(LatissVisit1QuicklookRow, 'consdb-latiss-visit1-quicklook', [
    { visit_id: 2024062400106, day_obs: 20240624, seq_num: 106, n_inputs: 1 },
  ]),
  rowMessage(LatissExposureQuicklookRow, 'consdb-latiss-exposure-quicklook', [
    { exposure_id: 2024062400106, day_obs: 20240624, seq_num: 106, mount_jitter_rms: 0.05 },
  ]),
  // ccdexposure_id packs (day_obs, seq_num, detector, controller) as ccdvisit_id does.
  rowMessage(CcdExposureQuicklookRow, 'consdb-lsstcam-ccdexposure-quicklook', [
    { day_obs: 20240403, seq_num: 451, detector: 0, ccdexposure_id: 730865976064, postisr_pixel_median: 812.5 },
  ]),
  rowMessage(LatissCcdExposureQuicklookRow, 'consdb-latiss-ccdexposure-quicklook', [
    { day_obs: 20240624, seq_num: 106, detector: 0, ccdexposure_id: 44358986240, postisr_pixel_median: 1203.25 },
  ]),
  // The envelope the rows travel in (Redis stream consdbRows), registered with the rows it carries.
  ConsdbRowBatchMessage,
] as const
