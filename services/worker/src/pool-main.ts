// The worker-pool process: `RA_WORKER_POOL=… node --conditions=@rubin/source services/worker/src/pool-main.ts`.
import { join } from 'node:path'
import { formatIssues } from '@rubin/ra-contract'
import { createLogger, createMetrics, type StartedService, startService, startStatusServer } from '@rubin/ra-runtime'
import { DEFAULT_SPOOL_DIR } from './config.ts'
import { type PoolMember, parsePool } from './pool.ts'
import { serviceForFlavour, workerService } from './service.ts'

const logger = createLogger('worker-pool')
const pool = parsePool(process.env.RA_WORKER_POOL ?? '')
if (!pool.ok) {
  process.stderr.write(`worker-pool: invalid RA_WORKER_POOL:\n${formatIssues(pool.issues)}\n`)
  process.exit(1)
}

const nameOf = (m: PoolMember) => `${m.flavour}@${m.depth}${m.detector === undefined ? '' : `/${m.detector}`}`

type Running = StartedService<unknown>
const running = new Map<string, Running>()
let stopping = false

const envFor = (member: PoolMember): NodeJS.ProcessEnv => ({
  ...process.env,
  RA_WORKER_FLAVOUR: member.flavour,
  RA_WORKER_DEPTH: String(member.depth),
  RA_WORKER_DETECTOR: member.detector === undefined ? '' : String(member.detector),
  WORKER_NAME: '',
  // One spool per worker, as one per pod: members never drain each other's entries.
  RA_PRODUCT_SPOOL_DIR: join(
    process.env.RA_PRODUCT_SPOOL_DIR ?? DEFAULT_SPOOL_DIR,
    nameOf(member).replace(/[^\w.-]/g, '_'),
  ),
})

async function launch(member: PoolMember): Promise<void> {
  const spec = workerService({
    service: serviceForFlavour(member.flavour),
    // As Kubernetes restarts a pod: stop this worker and start it again.
    onRestart: () => {
      void relaunch(member)
    },
    onFatal: () => {
      void relaunch(member)
    },
  })
  running.set(nameOf(member), (await startService(spec, envFor(member), { http: false })) as Running)
}

async function relaunch(member: PoolMember): Promise<void> {
  const current = running.get(nameOf(member))
  running.delete(nameOf(member))
  await current?.stop()
  if (!stopping) await launch(member)
}

// The pool's own status endpoint first: its port must not be taken by one of its workers' random ports.
const http = await startStatusServer({
  port: Number(process.env.RA_HTTP_PORT ?? 0),
  host: process.env.RA_HTTP_HOST ?? '127.0.0.1',
  metrics: createMetrics('worker-pool'),
  notReady: () => {
    const reasons: string[] = []
    if (running.size < pool.value.length) reasons.push(`${pool.value.length - running.size} workers not running`)
    for (const [name, worker] of running) {
      const notReady = worker.running.notReady?.() ?? []
      if (notReady.length > 0) reasons.push(`${name}: ${notReady.join('; ')}`)
    }
    return reasons.slice(0, 20)
  },
  status: () => ({ workers: [...running.values()].map((w) => w.running.status?.()) }),
})

// Start in small batches: 200 workers connecting at once would only queue up on two cores.
const BATCH = 16
for (let i = 0; i < pool.value.length; i += BATCH) {
  await Promise.all(pool.value.slice(i, i + BATCH).map(launch))
}
logger.info({ workers: running.size }, 'worker pool started')

/**
 * How long a stop waits for the members to finish their current payloads. Past it the pool
 * exits anyway (e.g. Redis is gone and clients keep reconnecting): what is still claimed is
 * recovered by the cluster manager, as after a crash.
 */
const STOP_GRACE_MS = Number(process.env.RA_POOL_STOP_GRACE_MS ?? 10_000)

const shutdown = async () => {
  if (stopping) return
  stopping = true
  setTimeout(() => {
    logger.warn({ graceMs: STOP_GRACE_MS, running: running.size }, 'members did not stop in time: exiting')
    process.exit(0)
  }, STOP_GRACE_MS).unref()
  await Promise.allSettled([...running.values()].map((w) => w.stop()))
  await http.close()
  process.exit(0)
}
process.once('SIGTERM', () => void shutdown())
process.once('SIGINT', () => void shutdown())
