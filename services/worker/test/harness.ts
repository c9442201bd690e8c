// ----------------------------------------------------------------------------
// Integration-test harness: start workers (in-process or as `main.ts` child
// processes) against a private redis-server, push payloads, and read back what
// the worker wrote, all through contract keys and messages.
// ----------------------------------------------------------------------------
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import {
  createRedisKeys,
  type GatherReady,
  type Instrument,
  type Payload,
  type PayloadTiming,
  type WorkerStatusReport,
} from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { entriesOf, startService } from '@rubin/ra-runtime'
import type { TestRedisServer } from '@rubin/ra-runtime/testing'
import type { Redis } from 'ioredis'
import { expect } from 'vitest'
import { type WorkerServiceOptions, workerService } from '../src/service.ts'

export const keys = createRedisKeys()
export const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url))
export const FIXTURE = fileURLToPath(new URL('./fixtures/pipeline.mjs', import.meta.url))

export interface WorkerEnv {
  readonly [name: string]: string | undefined
}

/** An SFM worker for detector `detector` at depth 0 unless overridden; fast heartbeats. */
export function workerEnv(server: TestRedisServer, env: WorkerEnv = {}): NodeJS.ProcessEnv {
  return {
    RA_REDIS_URL: server.url,
    RA_LOG_LEVEL: process.env.RA_TEST_LOG_LEVEL ?? 'silent',
    RA_INSTRUMENT: 'LSSTCam',
    RA_WORKER_FLAVOUR: 'SFM_WORKER',
    RA_WORKER_DEPTH: '0',
    RA_WORKER_DETECTOR: '94',
    RA_HEARTBEAT_INTERVAL_MS: '200',
    RA_HEARTBEAT_TTL_S: '2',
    ...env,
  }
}

export function startWorker(server: TestRedisServer, env: WorkerEnv = {}, options: WorkerServiceOptions = {}) {
  return startService(workerService(options), workerEnv(server, env))
}

export interface WorkerProcess extends AsyncDisposable {
  readonly child: ChildProcess
  readonly exited: Promise<number | null>
  output(): string
}

/** The real process, as Kubernetes runs it. */
export function spawnWorker(server: TestRedisServer, env: WorkerEnv = {}): WorkerProcess {
  const child = spawn(process.execPath, ['--conditions=@rubin/source', MAIN], {
    env: { ...process.env, ...workerEnv(server, { RA_LOG_LEVEL: 'info', ...env }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    exited,
    output: () => output,
    async [Symbol.asyncDispose]() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL')
        await exited
      }
    },
  }
}

export const workerIdFor = (detector: number, depth = 0) =>
  `SFM_WORKER-LSSTCam-${String(depth).padStart(3, '0')}-${String(detector).padStart(3, '0')}`

export async function push(client: Redis, workerId: string, ...payloads: (Payload | string)[]) {
  const queue = keys.key('workerQueue', { workerId })
  // One LPUSH, so a running worker never sees half of them: the last one given ends up at the head.
  await client.lpush(queue, ...payloads.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))))
}

export async function setExpected(
  client: Redis,
  processingId: string,
  detectors: readonly number[],
  who: 'SFM' | 'AOS' = 'SFM',
  instrument: Instrument = 'LSSTCam',
) {
  await client.sadd(keys.key('expectedDetectors', { instrument, who, processingId }), ...detectors.map(String))
}

async function readStream<T>(client: Redis, key: string, name: 'PayloadTiming' | 'GatherReady'): Promise<T[]> {
  const reply = await client.xrange(key, '-', '+')
  return entriesOf([[key, reply]] as never, key).map((entry) => {
    const parsed = parseMessage(name, entry.data ?? '')
    if (!parsed.ok) throw new Error(`${name} in ${key} does not match the contract: ${JSON.stringify(parsed.issues)}`)
    return parsed.value as T
  })
}

export const timings = (client: Redis, instrument: Instrument = 'LSSTCam') =>
  readStream<PayloadTiming>(client, keys.key('payloadTimings', { instrument }), 'PayloadTiming')

export const gathers = (client: Redis, instrument: Instrument = 'LSSTCam') =>
  readStream<GatherReady>(client, keys.key('completions', { instrument }), 'GatherReady')

export async function heartbeat(client: Redis, workerId: string): Promise<WorkerStatusReport | undefined> {
  const text = await client.get(keys.key('workerHeartbeat', { workerId }))
  if (text === null) return undefined
  const parsed = parseMessage('WorkerStatusReport', text)
  if (!parsed.ok) throw new Error(`heartbeat does not match the contract: ${JSON.stringify(parsed.issues)}`)
  return parsed.value
}

export const claimed = (client: Redis, workerId: string) =>
  client.lrange(keys.key('workerClaimed', { workerId }), 0, -1)

export const queued = (client: Redis, workerId: string) => client.lrange(keys.key('workerQueue', { workerId }), 0, -1)

export async function deadLetters(client: Redis): Promise<{ code: string; reason: string; input: string }[]> {
  const key = keys.key('deadLetters')
  const reply = await client.xrange(key, '-', '+')
  return entriesOf([[key, reply]] as never, key).map((entry) => JSON.parse(entry.data ?? '{}'))
}

export async function setControlState(client: Redis, fields: Record<string, string>) {
  await client.hset(keys.key('controlState', { instrument: 'LSSTCam' }), fields)
}

export async function statusOf(url: string | undefined): Promise<{
  state: string
  mode: string
  current: { payloadId: string } | null
  counts: Record<'finished' | 'failed' | 'skipped' | 'abandoned' | 'invalid', number>
}> {
  if (url === undefined) throw new Error('the worker was started without its status endpoint')
  return (await fetch(`${url}/status`)).json() as never
}

/** expect.poll with room for pipelines, heartbeats and Redis restarts. */
export const eventually = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout, interval: 25 })
