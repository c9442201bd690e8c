// ----------------------------------------------------------------------------
// Fake workers for integration tests: what a worker would write (a heartbeat
// with a TTL, its registry entry, its claimed list), written by hand, plus the
// payloads it would be given. Keys come from the contract, never as literals.
// ----------------------------------------------------------------------------
import {
  createRedisKeys,
  type ProcessPayload,
  parseWorkerId,
  type RestartPayload,
  type WorkerStatusReport,
} from '@rubin/ra-contract'
import type { Redis } from 'ioredis'

export const keys = createRedisKeys()

export function processPayload(id: string, detector: number, fields: Partial<ProcessPayload> = {}): ProcessPayload {
  return {
    kind: 'process',
    payloadId: id,
    instrument: 'LSSTCam',
    step: 'step1a',
    who: 'SFM',
    pipeline: 'SFM',
    dataIds: [{ instrument: 'LSSTCam', exposure: 2025041500060, detector }],
    run: 'LSSTCam/runs/quickLook/1',
    specialMessage: '',
    attempt: 1,
    enqueuedAt: '2025-04-16T03:12:45.100Z',
    ...fields,
  }
}

export function restart(target: string): RestartPayload {
  return {
    kind: 'restart',
    payloadId: `restart-${target}-1`,
    target,
    reason: 'test',
    enqueuedAt: '2025-04-16T03:12:45.100Z',
  }
}

export function report(workerId: string, state: 'free' | 'busy' = 'free'): WorkerStatusReport {
  const parsed = parseWorkerId(workerId)
  if (!parsed.ok) throw new Error(`bad worker id ${workerId}`)
  return {
    workerId,
    ...parsed.value,
    state,
    secondary: '',
    mode: 'CONSUMING',
    updatedAt: new Date().toISOString(),
    host: 'test',
    pid: 1,
  }
}

/** Register a worker and (unless ttlMs is 0) give it a heartbeat that lapses after ttlMs. */
export async function worker(client: Redis, workerId: string, ttlMs = 60_000, value?: string): Promise<void> {
  await client.zadd(keys.key('workers', { instrument: 'LSSTCam' }), Date.now(), workerId)
  if (ttlMs > 0) {
    await client.set(keys.key('workerHeartbeat', { workerId }), value ?? JSON.stringify(report(workerId)), 'PX', ttlMs)
  }
}

export const queueKey = (workerId: string) => keys.key('workerQueue', { workerId })
export const claimedKey = (workerId: string) => keys.key('workerClaimed', { workerId })

/** LPUSH in order, as the head node does: the last one given ends on top (the newest). */
export async function enqueue(client: Redis, workerId: string, ...payloads: object[]): Promise<void> {
  for (const p of payloads) await client.lpush(queueKey(workerId), JSON.stringify(p))
}

/** As BLMOVE queue → claimed (LEFT RIGHT) leaves them: appended on the right. */
export async function claim(client: Redis, workerId: string, ...payloads: object[]): Promise<void> {
  for (const p of payloads) await client.rpush(claimedKey(workerId), JSON.stringify(p))
}

export async function queueOf(client: Redis, workerId: string): Promise<Record<string, unknown>[]> {
  return (await client.lrange(queueKey(workerId), 0, -1)).map((t) => JSON.parse(t) as Record<string, unknown>)
}

export const ids = (payloads: Record<string, unknown>[]) => payloads.map((p) => p.payloadId)

/** The manager's /status snapshot, typed as the test reads it. */
export function statusOf<T>(service: { running: { status?(): unknown } }): T {
  return (service.running.status?.() ?? {}) as T
}
