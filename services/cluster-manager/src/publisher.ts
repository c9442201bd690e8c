// ----------------------------------------------------------------------------
// Writing the cluster-status streams RubinTV reads: one XADD (field `data`,
// MAXLEN ~ 2) per set whose encoded content changed since we last wrote it,
// and every set again once the refresh period has passed (so a RubinTV that
// missed an entry, or a stream trimmed by hand, catches up). Memory of what
// was sent is in-process: after a restart everything is sent once.
// ----------------------------------------------------------------------------
import { CLUSTER_STATUS_FIELD, CLUSTER_STATUS_MAXLEN, ClusterStatusSet, encodeClusterStatus } from '@rubin/ra-contract'
import { Counter, type RedisHandle, type Registry } from '@rubin/ra-runtime'
import type { ClusterCells } from './cells.ts'

export interface Publisher {
  /** Writes the sets that changed (or are due); returns them. */
  publish(cells: ClusterCells, now: number): Promise<ClusterStatusSet[]>
}

export function createPublisher(redis: RedisHandle, metrics: Registry, refreshMs: number): Publisher {
  const writes = new Counter({
    name: 'ra_cluster_status_writes_total',
    help: 'Entries written to the cluster-status streams, by set',
    labelNames: ['set'],
    registers: [metrics],
  })
  const sent = new Map<ClusterStatusSet, { data: string; at: number }>()
  return {
    async publish(cells, now) {
      const due: [ClusterStatusSet, string][] = []
      for (const set of ClusterStatusSet.values) {
        const data = encodeClusterStatus(cells[set])
        const last = sent.get(set)
        if (last === undefined || last.data !== data || now - last.at >= refreshMs) due.push([set, data])
      }
      if (due.length === 0) return []
      const pipeline = redis.client.pipeline()
      for (const [set, data] of due) {
        const key = redis.keys.key('clusterStatus', { set })
        pipeline.xadd(key, 'MAXLEN', '~', CLUSTER_STATUS_MAXLEN, '*', CLUSTER_STATUS_FIELD, data)
      }
      const results = (await pipeline.exec()) ?? []
      const written: ClusterStatusSet[] = []
      for (const [i, [set, data]] of due.entries()) {
        // A failed write is retried next pass: it is not remembered as sent.
        if (results[i]?.[0]) continue
        sent.set(set, { data, at: now })
        writes.inc({ set })
        written.push(set)
      }
      return written
    },
  }
}
