// ----------------------------------------------------------------------------
// The cluster manager (one per instrument). Every RA_LOOP_MS: read the cluster
// (registry, heartbeats, queue lengths), move dead workers' claimed payloads
// back, move backlog to free spare workers, and publish the cluster-status
// streams RubinTV draws (on change, and periodically). Beside the loop, the
// reset controls are consumed as they arrive.
// ----------------------------------------------------------------------------
import { type ClusterStatusCell, type ClusterStatusSet, encodeClusterStatus } from '@rubin/ra-contract'
import { type ServiceSpec, sleep } from '@rubin/ra-runtime'
import { clusterStatusCells, workerCell } from './cells.ts'
import { ClusterManagerConfig } from './config.ts'
import { createPublisher } from './publisher.ts'
import { createRebalancer } from './rebalance.ts'
import { createRecovery } from './recovery.ts'
import { startResetConsumer } from './resets.ts'
import { type ClusterSnapshot, readSnapshot, type WorkerView } from './snapshot.ts'

/** What RubinTV would show for a cell, for /status (the wire string of the cell). */
function shown(cell: ClusterStatusCell | undefined): string | undefined {
  if (cell === undefined) return undefined
  const json = encodeClusterStatus({ c: cell })
  return (JSON.parse(json) as { c: { status: string } }).c.status
}

function describeWorker(w: WorkerView, now: number) {
  return {
    id: w.id,
    set: w.set ?? null,
    status: shown(workerCell(w)) ?? (w.alive ? (w.busy ? 'busy' : 'free') : 'missing'),
    alive: w.alive,
    busy: w.busy,
    secondary: w.secondary,
    queue: w.queueLength,
    claimed: w.claimedLength,
    lastHeartbeatAgoMs: w.lastSeenMs > 0 ? now - w.lastSeenMs : null,
    currentPayloadId: w.report?.currentPayloadId ?? null,
  }
}

export function clusterManagerService(): ServiceSpec<typeof ClusterManagerConfig> {
  return {
    name: 'cluster-manager',
    config: ClusterManagerConfig,
    async start(context) {
      const { config, redis, logger, metrics, deadLetters, signal } = context
      const instrument = config.RA_INSTRUMENT
      const publisher = createPublisher(redis, metrics, config.RA_STATUS_REFRESH_S * 1000)
      const recovery = createRecovery({ redis, logger, metrics, deadLetters })
      const rebalancer = createRebalancer({ redis, instrument, logger, metrics })
      // Problems in Redis data are dead-lettered once per subject, not every 500 ms.
      const reported = new Set<string>()
      let last: ClusterSnapshot | undefined
      let loops = 0

      async function look(): Promise<ClusterSnapshot> {
        const { snapshot, problems } = await readSnapshot(redis, instrument)
        const current = new Set(problems.map((p) => p.subject))
        for (const problem of problems) {
          if (reported.has(problem.subject)) continue
          reported.add(problem.subject)
          await deadLetters({
            source: problem.source,
            code: problem.code,
            reason: problem.reason,
            input: problem.input,
          })
        }
        // A fixed problem may come back later: report it again then.
        for (const subject of reported) if (!current.has(subject)) reported.delete(subject)
        return snapshot
      }

      const resets = startResetConsumer({
        redis,
        instrument,
        logger,
        metrics,
        signal,
        pollMs: config.RA_CONTROL_POLL_MS,
        liveWorkersOf: async (set: ClusterStatusSet) => (await look()).workers.filter((w) => w.set === set && w.alive),
      })

      async function pass(): Promise<void> {
        let snapshot = await look()
        const requeued = await recovery.run(snapshot)
        const moved = config.RA_REBALANCE ? await rebalancer.run(snapshot) : []
        // Publish what is true now, not what was true before we moved things.
        if (requeued.length > 0 || moved.length > 0) snapshot = await look()
        last = snapshot
        if (config.RA_CLUSTER_STATUS) await publisher.publish(clusterStatusCells(snapshot.workers), Date.now())
        loops++
      }

      async function loop(): Promise<void> {
        while (!signal.aborted) {
          const started = Date.now()
          try {
            await pass()
          } catch (error) {
            if (signal.aborted) break
            logger.error({ err: (error as Error).message }, 'cluster manager pass failed; trying again')
          }
          await sleep(Math.max(0, config.RA_LOOP_MS - (Date.now() - started)), signal)
        }
      }
      const done = loop()
      logger.info({ instrument, loopMs: config.RA_LOOP_MS }, 'managing the cluster')

      return {
        notReady: () => [
          ...(loops === 0 ? ['no pass over the cluster completed yet'] : []),
          ...(resets.subscribed() ? [] : ['reset controls: keyspace subscription pending']),
        ],
        status: () => {
          const now = Date.now()
          const workers = last?.workers ?? []
          return {
            instrument,
            passes: loops,
            lastPassAt: last ? new Date(last.at).toISOString() : null,
            workerMode: last?.workerMode ?? null,
            workers: workers.map((w) => describeWorker(w, now)),
            dead: workers.filter((w) => !w.alive).map((w) => w.id),
            requeuedTotal: recovery.total(),
            recentRequeues: recovery.recent(),
            rebalancedTotal: rebalancer.total(),
            recentRebalances: rebalancer.recent(),
            recentResets: resets.recent(),
            deadLetters: last?.deadLetters ?? null,
          }
        },
        async stop() {
          await Promise.all([done, resets.done])
        },
      }
    },
  }
}
