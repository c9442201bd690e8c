// ----------------------------------------------------------------------------
// The whole RA core on one machine, as real processes: a private redis-server,
// the watcher, the head node, the cluster manager and worker pools. Used by the
// scenarios (and later `./ra up`). Disposable: stopping it stops every process.
// ----------------------------------------------------------------------------
import { join } from 'node:path'
import type { Instrument } from '@rubin/ra-contract'
import { startRedisServer, type TestRedisServer } from '@rubin/ra-runtime/testing'
import { type ServiceProcess, spawnService } from '../processes.ts'
import { ready } from './child.ts'

export interface SystemOptions {
  readonly instrument: Instrument
  readonly logDir: string
  /** Pools of workers, one process each: name → RA_WORKER_POOL text. */
  readonly pools: Readonly<Record<string, string>>
  /** Environment for every process (e.g. RA_TEST_PIPELINE_MS). */
  readonly env?: Readonly<Record<string, string>>
  readonly progress?: (line: string) => void
  /** A Redis the caller owns (not stopped with the system); by default a private redis-server. */
  readonly redis?: TestRedisServer
  /** More services to run after the core (name → entry script and environment on top of the base). */
  readonly extra?: Readonly<Record<string, Launch>>
  /** Environment of one process on top of the base (e.g. its own spool directory), by process name. */
  readonly processEnv?: (name: string) => Record<string, string>
}

export interface RunningSystem extends AsyncDisposable {
  readonly redis: TestRedisServer
  readonly services: ReadonlyMap<string, ServiceProcess>
  /** Restart a process (as Kubernetes would after a crash) and wait until it is ready. */
  respawn(name: string): Promise<ServiceProcess>
  stop(): Promise<void>
}

/** LSSTCam on one machine: 189 imaging + 8 wavefront workers, visit-level, backlog and one-off workers. */
export const LSSTCAM_POOLS = {
  'pool-sfm-a': 'SFM_WORKER:0-94',
  'pool-sfm-b': 'SFM_WORKER:95-188',
  'pool-other':
    'AOS_WORKER:191,192,195,196,199,200,203,204;STEP1B_WORKER:0-1;STEP1B_AOS_WORKER:0;BACKLOG_WORKER:0-3;ONE_OFF_EXPRECORD_WORKER:0;GUIDER_WORKER:0',
} as const

/** The whole system's LSSTCam pools: the core's, plus the MOSAIC_WORKER the head node queues the mosaic to. */
export const WHOLE_LSSTCAM_POOLS = {
  ...LSSTCAM_POOLS,
  'pool-other': `${LSSTCAM_POOLS['pool-other']};MOSAIC_WORKER:0`,
} as const

export interface Launch {
  readonly script: string
  readonly env: Record<string, string>
}

export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const say = options.progress ?? (() => {})
  const owned = options.redis === undefined
  const redis = options.redis ?? (await startRedisServer())
  if (owned) say(`redis-server on ${redis.url}`)
  const base = { RA_REDIS_URL: redis.url, RA_INSTRUMENT: options.instrument, ...options.env }
  const launches = new Map<string, Launch>([
    ['watcher', { script: 'services/watcher/src/main.ts', env: { ...base, RA_POLL_INTERVAL_S: '0' } }],
    ['head-node', { script: 'services/head-node/src/main.ts', env: { ...base } }],
    ['cluster-manager', { script: 'services/cluster-manager/src/main.ts', env: { ...base } }],
    ...Object.entries(options.pools).map(([name, pool]): [string, Launch] => [
      name,
      { script: 'services/worker/src/pool-main.ts', env: { ...base, RA_WORKER_POOL: pool } },
    ]),
    ...Object.entries(options.extra ?? {}).map(([name, launch]): [string, Launch] => [
      name,
      { script: launch.script, env: { ...base, ...launch.env } },
    ]),
  ])
  for (const [name, launch] of launches) Object.assign(launch.env, options.processEnv?.(name))
  const services = new Map<string, ServiceProcess>()
  const spawnOne = async (name: string) => {
    const launch = launches.get(name)
    if (!launch) throw new Error(`no service called ${name}`)
    const service = await spawnService({ name, script: launch.script, env: launch.env, logDir: options.logDir })
    services.set(name, service)
    return service
  }
  const stop = async () => {
    await Promise.allSettled([...services.values()].map((s) => s.stop()))
    if (owned) await redis.stop()
  }
  try {
    for (const name of launches.keys()) await spawnOne(name)
    for (const service of services.values()) {
      await ready(service)
      say(`${service.name} ready (${service.url}, log ${join(options.logDir, `${service.name}.log`)})`)
    }
  } catch (error) {
    await stop()
    throw error
  }
  return {
    redis,
    services,
    async respawn(name) {
      await services.get(name)?.stop()
      const service = await spawnOne(name)
      await ready(service)
      return service
    },
    stop,
    [Symbol.asyncDispose]: stop,
  }
}
