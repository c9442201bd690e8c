// ----------------------------------------------------------------------------
// The RubinTV live protocol (browser ↔ RubinTV server, one WebSocket). New in
// our reference consumer; today's RubinTV pushes whole tables on every change
// (rubintv.md §4, §7.5). Here a client subscribes to topics; for each it gets a
// snapshot, then only deltas: a new product is one product, a changed metadata
// row is only its changed cells. Every frame of a subscription carries a version;
// a reconnecting client sends the last version it saw and gets the missed deltas
// (or a fresh snapshot when they are no longer kept).
// ----------------------------------------------------------------------------
import { type Static, type TSchema, Type } from '@sinclair/typebox'
import { ControlName } from '../controls/names.ts'
import { Camera } from '../identifiers/cameras.ts'
import { defineMessage, schemaId } from '../internal/message.ts'
import { ClusterStatusSet } from '../redis/cluster-status-sets.ts'
import { Location } from '../registry/locations.ts'
import { DayObs } from '../time/day-obs.ts'
import { ClusterStatusEntry } from './cluster-status.ts'
import { KeySeq, UtcTime } from './common.ts'
import { ControlReadback } from './control.ts'
import { MetadataCell, MetadataTable } from './metadata.ts'

/**
 * A message schema embedded in another: the same shape without its `$id` and title, so
 * the bundle keeps one schema per `$id` and generated types keep one name per message.
 */
function embedded<S extends TSchema>(schema: S, description: string): S {
  const { $id: _id, title: _title, description: _description, ...shape } = schema
  return { ...shape, description } as unknown as S
}
const ClusterStatusCells = embedded(ClusterStatusEntry, 'A ClusterStatusEntry: the newest entry of one set.')
const Readback = embedded(ControlReadback, 'A ControlReadback: the newest structured read-back of the control.')
const Table = embedded(MetadataTable, 'A MetadataTable: the whole metadata.json of the day.')

const SubscriptionId = Type.String({
  pattern: '^[A-Za-z0-9_.:-]{1,64}$',
  description: 'Chosen by the client; names the subscription in every frame about it.',
})
const Channel = Type.String({ pattern: '^\\w+$', description: 'A channel of the camera (registry name).' })
const Version = Type.Integer({ minimum: 0, description: 'Per subscription topic: increases by one per change.' })
const Epoch = Type.String({
  minLength: 1,
  maxLength: 100,
  description: 'Identifies one run of the server’s index for the topic; a resume needs the same epoch.',
})

/** What a client can subscribe to (kind-discriminated). */
export const RubinTvTopic = Type.Union(
  [
    Type.Object(
      {
        kind: Type.Literal('cameraTable'),
        location: Location.schema,
        camera: Camera.schema,
        dayObs: Type.Optional(DayObs),
      },
      {
        additionalProperties: false,
        description: 'A camera’s table for one day (without dayObs: the current day, following rollovers).',
      },
    ),
    Type.Object(
      { kind: Type.Literal('currentChannel'), location: Location.schema, camera: Camera.schema, channel: Channel },
      { additionalProperties: false, description: 'The newest product of one channel on the current day.' },
    ),
    Type.Object(
      { kind: Type.Literal('clusterStatus'), location: Location.schema },
      { additionalProperties: false, description: 'Every cluster-status set of the location.' },
    ),
    Type.Object(
      { kind: Type.Literal('controlReadbacks'), location: Location.schema },
      { additionalProperties: false, description: 'Every control’s read-back at the location (admin page).' },
    ),
  ],
  { title: 'RubinTvTopic', description: 'A subscription topic of the RubinTV live protocol.' },
)
export type RubinTvTopic = Static<typeof RubinTvTopic>

export const RubinTvClientMessage = Type.Union(
  [
    Type.Object(
      {
        type: Type.Literal('subscribe'),
        id: SubscriptionId,
        topic: RubinTvTopic,
        resume: Type.Optional(
          Type.Object(
            { epoch: Epoch, version: Version },
            { additionalProperties: false, description: 'The last frame seen before a reconnect.' },
          ),
        ),
      },
      { additionalProperties: false },
    ),
    Type.Object({ type: Type.Literal('unsubscribe'), id: SubscriptionId }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false }),
  ],
  {
    $id: schemaId('rubintv-client-message'),
    title: 'RubinTvClientMessage',
    description: 'A browser → RubinTV server frame: subscribe (optionally resuming), unsubscribe or ping.',
  },
)
export type RubinTvClientMessage = Static<typeof RubinTvClientMessage>

/** One product object as the browser sees it; `url` is served by the RubinTV server (range requests). */
export const RubinTvProduct = Type.Object(
  {
    key: Type.String({ minLength: 1, description: 'The S3 key, parsed with the contract before it is listed.' }),
    camera: Camera.schema,
    channel: Channel,
    dayObs: DayObs,
    seq: Type.Union([KeySeq, Type.Literal('final')]),
    ext: Type.String({ pattern: '^\\w+$' }),
    url: Type.String({ minLength: 1 }),
    etag: Type.Optional(Type.String()),
    size: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  {
    title: 'RubinTvProduct',
    description: 'A product in S3 (event or per-day), as shown by RubinTV.',
    additionalProperties: false,
  },
)
export type RubinTvProduct = Static<typeof RubinTvProduct>

/** The changed cells of one metadata row: new or changed cells, and the columns that disappeared. */
const RowChange = Type.Object(
  {
    cells: Type.Record(Type.String(), MetadataCell),
    removed: Type.Array(Type.String()),
  },
  { additionalProperties: false },
)

const TableSnapshot = Type.Object(
  {
    kind: Type.Literal('cameraTable'),
    dayObs: DayObs,
    /** seq (decimal) → channel → product. */
    events: Type.Record(Type.String(), Type.Record(Type.String(), RubinTvProduct)),
    perDay: Type.Record(Type.String(), RubinTvProduct),
    metadata: Table,
  },
  { additionalProperties: false },
)
const CurrentSnapshot = Type.Object(
  {
    kind: Type.Literal('currentChannel'),
    dayObs: DayObs,
    product: Type.Union([RubinTvProduct, Type.Null()]),
  },
  { additionalProperties: false },
)
const ClusterSnapshot = Type.Object(
  {
    kind: Type.Literal('clusterStatus'),
    /** Set → its newest entry, as written by the cluster manager (decode with decodeClusterStatus). */
    sets: Type.Record(Type.String(), ClusterStatusCells),
  },
  { additionalProperties: false },
)
const ReadbackState = Type.Object(
  {
    /** The legacy `{key}_READBACK` string, null when absent. */
    readback: Type.Union([Type.String(), Type.Null()]),
    last: Type.Optional(Readback),
  },
  { additionalProperties: false },
)
const ReadbacksSnapshot = Type.Object(
  { kind: Type.Literal('controlReadbacks'), controls: Type.Record(Type.String(), ReadbackState) },
  { additionalProperties: false },
)

const Change = Type.Union([
  Type.Object({ kind: Type.Literal('product'), product: RubinTvProduct }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('metadata'), rows: Type.Record(Type.String(), RowChange) },
    { additionalProperties: false, description: 'Only the rows that changed, and in each only the changed cells.' },
  ),
  Type.Object(
    { kind: Type.Literal('clusterStatus'), set: ClusterStatusSet.schema, entry: ClusterStatusCells },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('readback'), control: ControlName.schema, state: ReadbackState },
    { additionalProperties: false },
  ),
])

export const RubinTvServerMessage = Type.Union(
  [
    Type.Object(
      {
        type: Type.Literal('snapshot'),
        id: SubscriptionId,
        epoch: Epoch,
        version: Version,
        data: Type.Union([TableSnapshot, CurrentSnapshot, ClusterSnapshot, ReadbacksSnapshot]),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      { type: Type.Literal('delta'), id: SubscriptionId, epoch: Epoch, version: Version, change: Change },
      { additionalProperties: false },
    ),
    Type.Object(
      { type: Type.Literal('resumed'), id: SubscriptionId, epoch: Epoch, version: Version },
      {
        additionalProperties: false,
        description: 'The resume was accepted: the missed deltas follow (versions after the one sent).',
      },
    ),
    Type.Object(
      { type: Type.Literal('dayRollover'), id: SubscriptionId, dayObs: DayObs },
      { additionalProperties: false, description: 'The current day changed; a fresh snapshot follows.' },
    ),
    Type.Object(
      {
        type: Type.Literal('error'),
        id: Type.Optional(SubscriptionId),
        code: Type.String({ pattern: '^RUBINTV_[A-Z_]+$' }),
        message: Type.String(),
      },
      { additionalProperties: false },
    ),
    Type.Object({ type: Type.Literal('pong'), at: UtcTime }, { additionalProperties: false }),
  ],
  {
    $id: schemaId('rubintv-server-message'),
    title: 'RubinTvServerMessage',
    description: 'A RubinTV server → browser frame: snapshot, delta, resumed, dayRollover, error or pong.',
  },
)
export type RubinTvServerMessage = Static<typeof RubinTvServerMessage>

export const RubinTvClientMessageSpec = defineMessage({
  name: 'RubinTvClientMessage',
  stem: 'rubintv-client-message',
  schema: RubinTvClientMessage,
  carrier: 'websocket',
  producers: ['rubintv'],
  consumers: ['rubintv'],
  examples: [
    { type: 'subscribe', id: 't1', topic: { kind: 'cameraTable', location: 'summit', camera: 'lsstcam' } },
    {
      type: 'subscribe',
      id: 't1',
      topic: { kind: 'cameraTable', location: 'summit', camera: 'lsstcam', dayObs: 20251115 },
      resume: { epoch: 'k2x9-lsstcam-20251115', version: 41 },
    },
    { type: 'subscribe', id: 'admin', topic: { kind: 'controlReadbacks', location: 'summit' } },
    { type: 'unsubscribe', id: 't1' },
  ],
})

export const RubinTvServerMessageSpec = defineMessage({
  name: 'RubinTvServerMessage',
  stem: 'rubintv-server-message',
  schema: RubinTvServerMessage,
  carrier: 'websocket',
  producers: ['rubintv'],
  consumers: ['rubintv'],
  examples: [
    {
      type: 'delta',
      id: 't1',
      epoch: 'k2x9-lsstcam-20251115',
      version: 42,
      change: { kind: 'metadata', rows: { '226': { cells: { 'PSF FWHM': 0.84 }, removed: [] } } },
    },
    {
      type: 'delta',
      id: 't1',
      epoch: 'k2x9-lsstcam-20251115',
      version: 43,
      change: {
        kind: 'product',
        product: {
          key: 'lsstcam/2025-11-15/focal_plane_mosaic/000226/lsstcam_focal_plane_mosaic_2025-11-15_000226.jpg',
          camera: 'lsstcam',
          channel: 'focal_plane_mosaic',
          dayObs: 20251115,
          seq: 226,
          ext: 'jpg',
          url: '/media/summit/lsstcam/2025-11-15/focal_plane_mosaic/000226/lsstcam_focal_plane_mosaic_2025-11-15_000226.jpg',
        },
      },
    },
    { type: 'dayRollover', id: 't1', dayObs: 20251116 },
  ],
})
