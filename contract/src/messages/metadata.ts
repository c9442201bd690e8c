// Metadata tables: the per-camera, per-day table RubinTV shows (metadata.json),
// and the shards producers write into it (boundary 4).
import { type Static, Type } from '@sinclair/typebox'
import { Camera } from '../identifiers/cameras.ts'
import { Service } from '../identifiers/services.ts'
import { defineMessage, schemaId } from '../internal/message.ts'
import { DayObs } from '../time/day-obs.ts'
import { UtcTime } from './common.ts'

/** Cell-colour classes RubinTV defines for `_<column>` flags (rubintv.md §3.1). */
export const CELL_FLAGS = [
  'bad',
  'warning',
  'ok',
  'measured',
  'u_color',
  'g_color',
  'r_color',
  'i_color',
  'z_color',
  'y_color',
  'white_color',
  'rainbow_color',
  'r_stripes',
  'b_stripes',
] as const
export type CellFlag = (typeof CELL_FLAGS)[number]

/** Key prefixes with a meaning in a row: `_<column>` colours a cell, `@<channel>` fills an empty channel cell. */
export const FLAG_PREFIX = '_'
export const PLACEHOLDER_PREFIX = '@'
/** An object-valued cell shows this entry as its button label (else 📖). */
export const DISPLAY_VALUE = 'DISPLAY_VALUE'

export const MetadataScalar = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()], {
  title: 'MetadataScalar',
  description: 'A plain table cell. NaN is written as null.',
})

export const MetadataCell = Type.Union(
  [
    MetadataScalar,
    Type.Array(MetadataScalar),
    Type.Record(Type.String(), Type.Union([MetadataScalar, Type.Array(MetadataScalar)])),
  ],
  {
    title: 'MetadataCell',
    description: 'A cell: a scalar, a list, or an object shown as a popup button (label from DISPLAY_VALUE).',
  },
)

export const MetadataRow = Type.Record(Type.String(), MetadataCell, {
  title: 'MetadataRow',
  description: 'One row (one seq): column name → cell; `_<column>` keys hold cell flags, `@<channel>` placeholders.',
})
export type MetadataRow = Static<typeof MetadataRow>

// Seq as a decimal string without padding; 0 is a real seq (TMA events count from 0).
const seqKey = Type.String({ pattern: '^(0|[1-9][0-9]{0,5})$' })

export const MetadataTable = Type.Record(seqKey, MetadataRow, {
  $id: schemaId('metadata-table'),
  title: 'MetadataTable',
  description: 'metadata.json: one camera’s table for one day_obs, keyed by seq_num as a decimal string.',
})
export type MetadataTable = Static<typeof MetadataTable>

export const MetadataShard = Type.Object(
  {
    camera: Camera.schema,
    dayObs: DayObs,
    rows: Type.Record(seqKey, MetadataRow),
    producer: Service.schema,
    writtenAt: UtcTime,
  },
  {
    $id: schemaId('metadata-shard'),
    title: 'MetadataShard',
    description: 'Some cells of one camera-day table, deep-merged into metadata.json by the metadata server.',
    additionalProperties: false,
  },
)
export type MetadataShard = Static<typeof MetadataShard>

export const MetadataTableMessage = defineMessage({
  name: 'MetadataTable',
  stem: 'metadata-table',
  schema: MetadataTable,
  carrier: 's3-object',
  producers: ['metadata-server'],
  consumers: ['rubintv'],
  examples: [
    {
      '226': {
        'Exposure time': 30,
        'Image type': 'science',
        Filter: 'r_57',
        _Filter: 'r_color',
        'PSF FWHM': 0.84,
        '_PSF FWHM': 'measured',
        '@focal_plane_mosaic': '⏳',
        'Exposure log entries': { DISPLAY_VALUE: '📖', message: 'dome flat lamp warming', level: 'info' },
      },
    },
  ],
})

export const MetadataShardMessage = defineMessage({
  name: 'MetadataShard',
  stem: 'metadata-shard',
  schema: MetadataShard,
  carrier: 'redis-stream',
  producers: ['head-node', 'worker', 'step1b-worker', 'snowflakes'],
  consumers: ['metadata-server'],
  examples: [
    {
      camera: 'lsstcam',
      dayObs: 20251115,
      rows: { '226': { 'PSF FWHM': 0.84, '_PSF FWHM': 'measured' } },
      producer: 'step1b-worker',
      writtenAt: '2025-11-16T03:13:30.000Z',
    },
  ],
})
