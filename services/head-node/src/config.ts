// ----------------------------------------------------------------------------
// The head node's configuration (beside the runtime's common RA_REDIS_URL,
// RA_KEY_PREFIX, RA_HTTP_PORT, RA_HTTP_HOST). One head node runs per instrument.
// ----------------------------------------------------------------------------
import { Instrument } from '@rubin/ra-contract'
import { type Static, Type } from '@sinclair/typebox'

export const HeadNodeConfig = Type.Object({
  RA_INSTRUMENT: Type.Union(
    Instrument.values.map((value) => Type.Literal(value)),
    { description: `the instrument this head node dispatches, one of ${Instrument.values.join(', ')}` },
  ),
  RA_OUTPUT_RUN: Type.String({
    default: '',
    description: 'output RUN collection written into payloads; empty: {instrument}/runs/quickLook/1',
  }),
  RA_CONTROL_POLL_MS: Type.Integer({
    default: 500,
    minimum: 20,
    description: 'polling safety net for control keys, in case a keyspace notification is missed',
  }),
  RA_GATHER_RETRY_MS: Type.Integer({
    default: 1000,
    minimum: 20,
    description: 'how often a GatherReady waiting for a visit-level worker is retried',
  }),
  RA_HEARTBEAT_MS: Type.Integer({
    default: 2000,
    minimum: 100,
    description: 'how often the head node refreshes its own heartbeat',
  }),
})
export type HeadNodeConfig = Static<typeof HeadNodeConfig>

export function outputRun(config: Pick<HeadNodeConfig, 'RA_INSTRUMENT' | 'RA_OUTPUT_RUN'>): string {
  return config.RA_OUTPUT_RUN === '' ? `${config.RA_INSTRUMENT}/runs/quickLook/1` : config.RA_OUTPUT_RUN
}
