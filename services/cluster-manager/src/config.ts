// ----------------------------------------------------------------------------
// The cluster manager's environment. The cluster-status streams carry no
// instrument in their keys (RubinTV reads one fixed set of streams), so only
// one cluster manager per Redis may publish them: RA_CLUSTER_STATUS says which.
// ----------------------------------------------------------------------------
import { Instrument } from '@rubin/ra-contract'
import { type Static, Type } from '@sinclair/typebox'

export const ClusterManagerConfig = Type.Object({
  RA_INSTRUMENT: Type.Union(
    Instrument.values.map((value) => Type.Literal(value)),
    { description: `the butler instrument whose workers this manages (${Instrument.values.join(', ')})` },
  ),
  RA_LOOP_MS: Type.Integer({
    default: 500,
    minimum: 50,
    maximum: 60_000,
    description: 'milliseconds between passes: status, dead-worker recovery, rebalancing',
  }),
  RA_STATUS_REFRESH_S: Type.Number({
    default: 30,
    minimum: 1,
    description: 'a cluster-status stream is rewritten at least this often even when unchanged',
  }),
  RA_CONTROL_POLL_MS: Type.Integer({
    default: 500,
    minimum: 50,
    description: 'safety-net poll of the reset controls (keyspace notifications wake the consumer sooner)',
  }),
  RA_CLUSTER_STATUS: Type.Boolean({
    default: true,
    description: 'publish stream:CLUSTER_STATUS_* (their keys name no instrument: one publisher per Redis)',
  }),
  RA_REBALANCE: Type.Boolean({
    default: true,
    description: 'move backlog from long SFM queues to free backlog and recruitable workers',
  }),
})
export type ClusterManagerConfig = Static<typeof ClusterManagerConfig>
