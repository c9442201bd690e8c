// ----------------------------------------------------------------------------
// ClusterStatusEntry: the JSON in the `data` field of a `stream:CLUSTER_STATUS_*`
// entry (RA → RubinTV live, boundary 5), exactly today's shape: cell id →
// {"status", "type"}. This schema is what writers must produce; readers decode
// more leniently, as RubinTV does (see redis/cluster-status.ts).
// ----------------------------------------------------------------------------
import { type Static, Type } from '@sinclair/typebox'
import { defineMessage, schemaId } from '../internal/message.ts'

const WorkerCell = Type.Object(
  {
    status: Type.String({
      pattern: '^(free|busy|restarting|guest|missing|[1-9]\\d*)$',
      description: 'free, busy, restarting, guest, missing, or the queue length (busy with that many queued).',
    }),
    type: Type.Literal('worker_status'),
  },
  {
    title: 'ClusterStatusWorkerCell',
    description: 'One worker, keyed by detector or depth.',
    additionalProperties: false,
  },
)

const TextCell = Type.Object(
  {
    status: Type.String({ maxLength: 200, description: 'Shown as text; today the total queued for the flavour.' }),
    type: Type.Literal('text_status'),
  },
  {
    title: 'ClusterStatusTextCell',
    description: 'One OTHER_QUEUES row, keyed by worker flavour.',
    additionalProperties: false,
  },
)

const CountCell = Type.Object(
  {
    status: Type.String({ pattern: '^\\d+$', description: 'How many worker placeholders RubinTV should draw.' }),
    type: Type.Literal('worker_count'),
  },
  {
    title: 'ClusterStatusCountCell',
    description: 'Understood by RubinTV (becomes numWorkers); today’s RA never sends it.',
    additionalProperties: false,
  },
)

export const ClusterStatusEntry = Type.Record(
  Type.String({ pattern: '^(\\d+|[A-Z][A-Z0-9_]*)$' }),
  Type.Union([WorkerCell, TextCell, CountCell]),
  {
    $id: schemaId('cluster-status-entry'),
    title: 'ClusterStatusEntry',
    description: 'The `data` JSON of one cluster-status stream entry: detector number, depth or flavour name → cell.',
    additionalProperties: false,
  },
)
export type ClusterStatusEntry = Static<typeof ClusterStatusEntry>

export const ClusterStatusEntryMessage = defineMessage({
  name: 'ClusterStatusEntry',
  stem: 'cluster-status-entry',
  schema: ClusterStatusEntry,
  carrier: 'redis-stream',
  producers: ['cluster-manager'],
  consumers: ['rubintv', 'ra-cli'],
  examples: [
    {
      '93': { status: 'free', type: 'worker_status' },
      '94': { status: 'busy', type: 'worker_status' },
      '95': { status: '3', type: 'worker_status' },
      '96': { status: 'guest', type: 'worker_status' },
    },
    {
      MOSAIC_WORKER: { status: '2', type: 'text_status' },
      ONE_OFF_POSTISR_WORKER: { status: '5', type: 'text_status' },
    },
    { '0': { status: 'free', type: 'worker_status' }, '1': { status: 'restarting', type: 'worker_status' } },
  ],
})
