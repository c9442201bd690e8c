// ----------------------------------------------------------------------------
// Cluster status: every cluster-status stream read from the start (they keep
// about two entries, so this replays the newest), then XREAD BLOCK from the last
// ids. The newest entry per set is kept; each new one is reported. Entries are
// checked with the contract's lenient decoder (as RubinTV's handler decodes);
// one that is not even that goes to a dead letter.
// ----------------------------------------------------------------------------
import { type ClusterStatusEntry, ClusterStatusSet, decodeClusterStatus, formatIssues } from '@rubin/ra-contract'
import { type DeadLetters, entriesOf, type Logger, type RedisHandle } from '@rubin/ra-runtime'
import type { Redis } from 'ioredis'

export type ClusterListener = (set: ClusterStatusSet, entry: ClusterStatusEntry) => void

export class ClusterStatusReader {
  readonly latest = new Map<ClusterStatusSet, ClusterStatusEntry>()
  readonly #listeners: ClusterListener[] = []

  onEntry(listener: ClusterListener): void {
    this.#listeners.push(listener)
  }

  async run(o: {
    redis: RedisHandle
    connection: Redis
    logger: Logger
    deadLetters: DeadLetters
    signal: AbortSignal
    blockMs?: number
  }): Promise<void> {
    const keys = ClusterStatusSet.values.map((set) => ({ set, key: o.redis.keys.key('clusterStatus', { set }) }))
    const last = new Map(keys.map(({ key }) => [key, '0-0']))
    while (!o.signal.aborted) {
      let reply: unknown
      try {
        reply = await o.connection.xread(
          'COUNT',
          10,
          'BLOCK',
          o.blockMs ?? 5000,
          'STREAMS',
          ...keys.map((k) => k.key),
          ...keys.map((k) => last.get(k.key) ?? '0-0'),
        )
      } catch (error) {
        if (o.signal.aborted) return
        o.logger.warn({ err: (error as Error).message }, 'reading cluster status failed; retrying')
        await new Promise((r) => setTimeout(r, 1000))
        continue
      }
      for (const { set, key } of keys) {
        for (const entry of entriesOf(reply as Parameters<typeof entriesOf>[0], key)) {
          last.set(key, entry.id)
          const decoded = decodeClusterStatus(entry.data)
          if (!decoded.ok) {
            await o.deadLetters({
              source: `${key}#${entry.id}`,
              code: 'RUBINTV_CLUSTER_STATUS_INVALID',
              reason: `cluster-status entry refused: ${formatIssues(decoded.issues)}`,
              input: entry.data ?? null,
            })
            continue
          }
          const raw = JSON.parse(entry.data as string) as ClusterStatusEntry
          this.latest.set(set, raw)
          for (const listener of this.#listeners) listener(set, raw)
        }
      }
    }
  }
}
