// ----------------------------------------------------------------------------
// Shared pieces of the head-node integration tests: a head node started
// in-process against a private redis-server, exposure records, and the
// workers' side of the protocol played by hand (heartbeats, registry, finished
// sets, GatherReady entries) through the contract's keys.
// ----------------------------------------------------------------------------
import {
  type ControlName,
  createRedisKeys,
  type ExposureRecord,
  type GatherReady,
  type Instrument,
  parseWorkerId,
  type WorkerStatusReport,
} from '@rubin/ra-contract'
import { startService, xaddJson } from '@rubin/ra-runtime'
import type { TestRedisServer } from '@rubin/ra-runtime/testing'
import { expect } from 'vitest'
import { type HeadNodeOptions, headNodeService } from '../src/service.ts'
import type { HeadNodeStatus } from '../src/status.ts'

export const keys = createRedisKeys()
export const INSTRUMENT = 'LSSTCam'

export async function startHeadNode(
  server: TestRedisServer,
  options: HeadNodeOptions & { env?: Record<string, string> } = {},
) {
  const { env, ...rest } = options
  return startService(headNodeService(rest), {
    RA_REDIS_URL: server.url,
    RA_INSTRUMENT: INSTRUMENT,
    RA_LOG_LEVEL: 'silent',
    RA_CONTROL_POLL_MS: '100',
    RA_GATHER_RETRY_MS: '100',
    ...env,
  })
}

export function exposureRecord(seqNum: number, over: Partial<ExposureRecord> = {}): ExposureRecord {
  const seq = String(seqNum).padStart(6, '0')
  return {
    instrument: INSTRUMENT,
    exposureId: 2025111500000 + seqNum,
    obsId: `MC_O_20251115_${seq}`,
    dayObs: 20251115,
    seqNum,
    controller: 'O',
    groupId: `2025-11-16T03:12:${String(seqNum % 60).padStart(2, '0')}.000`,
    observationType: 'science',
    observationReason: 'field_survey_science',
    physicalFilter: 'r_57',
    exposureTime: 30,
    darkTime: 30.8,
    targetName: 'field',
    scienceProgram: 'BLOCK-365',
    trackingRa: 320.1,
    trackingDec: -15.2,
    skyAngle: 12.5,
    azimuth: 140.2,
    zenithAngle: 22.7,
    canSeeSky: true,
    timespanBegin: '2025-11-16T03:12:05.000Z',
    timespanEnd: '2025-11-16T03:12:35.000Z',
    ...over,
  }
}

/** What the watcher does: LPUSH onto incoming. */
export async function announce(server: TestRedisServer, ...records: (ExposureRecord | string)[]): Promise<void> {
  for (const record of records) {
    await server.client.lpush(
      keys.key('incoming', { instrument: INSTRUMENT }),
      typeof record === 'string' ? record : JSON.stringify(record),
    )
  }
}

/** What a worker does at start: heartbeat and register. */
export async function registerWorker(
  server: TestRedisServer,
  id: string,
  state: 'free' | 'busy' = 'free',
): Promise<void> {
  const parsed = parseWorkerId(id)
  if (!parsed.ok) throw new Error(`bad worker id ${id}`)
  const { flavour, instrument, depth, detector } = parsed.value
  const report: WorkerStatusReport = {
    workerId: id,
    flavour,
    instrument,
    ...(depth === undefined ? {} : { depth }),
    ...(detector === undefined ? {} : { detector }),
    state,
    secondary: '',
    mode: 'CONSUMING',
    updatedAt: new Date().toISOString(),
    host: 'test',
    pid: 1,
  }
  await server.client.set(keys.key('workerHeartbeat', { workerId: id }), JSON.stringify(report), 'EX', 60)
  await server.client.zadd(keys.key('workers', { instrument }), Date.now(), id)
}

export const expectedKey = (
  who: GatherReady['who'],
  processingId: string | number,
  instrument: Instrument = INSTRUMENT,
) => keys.key('expectedDetectors', { instrument, who, processingId: String(processingId) })

export const queueKey = (workerId: string) => keys.key('workerQueue', { workerId })

/** Every payload queued for workers, parsed, with the queue it is on. */
export async function allPayloads(server: TestRedisServer) {
  const queues = await server.client.keys(keys.pattern('workerQueue'))
  const out: { queue: string; payload: Record<string, unknown> & { dataIds: Record<string, number>[] } }[] = []
  for (const queue of queues.sort()) {
    for (const text of await server.client.lrange(queue, 0, -1)) out.push({ queue, payload: JSON.parse(text) })
  }
  return out
}

export async function controlState(server: TestRedisServer): Promise<Record<string, string>> {
  return server.client.hgetall(keys.key('controlState', { instrument: INSTRUMENT }))
}

/** Waits until the head node has dispatched `count` exposures in all (dispatchCount since the mode was set). */
export async function waitForDispatchCount(server: TestRedisServer, count: number): Promise<void> {
  await expect
    .poll(async () => Number((await controlState(server)).dispatchCount ?? 0), { timeout: 15_000 })
    .toBe(count)
}

/** Sends a control the way RubinTV does (SET) and waits for the head node to consume it. */
export async function sendControl(server: TestRedisServer, control: ControlName, value: string): Promise<void> {
  const key = keys.key('control', { control })
  const before = await server.client.xlen(keys.key('controlReadbacks'))
  await server.client.set(key, value)
  await expect.poll(() => server.client.xlen(keys.key('controlReadbacks')), { timeout: 10_000 }).toBeGreaterThan(before)
}

export async function lastReadback(server: TestRedisServer): Promise<Record<string, unknown>> {
  const [entry] = await server.client.xrevrange(keys.key('controlReadbacks'), '+', '-', 'COUNT', 1)
  const fields = entry?.[1] ?? []
  return JSON.parse(fields[fields.indexOf('data') + 1] ?? 'null')
}

/** What the worker completing the last detector does: XADD a GatherReady. */
export async function gatherReady(
  server: TestRedisServer,
  ready: Partial<GatherReady> & Pick<GatherReady, 'who' | 'processingId'>,
) {
  const message: GatherReady = {
    instrument: INSTRUMENT,
    expected: 189,
    failedDetectors: [],
    at: new Date().toISOString(),
    ...ready,
  }
  return xaddJson(server.client, keys.key('completions', { instrument: INSTRUMENT }), message) as Promise<string>
}

export async function deadLetters(server: TestRedisServer): Promise<{ code: string; reason: string; input: string }[]> {
  const entries = await server.client.xrange(keys.key('deadLetters'), '-', '+')
  return entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('data') + 1] ?? 'null'))
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** GET /status of a started head node. */
export async function statusOf(service: { http: { url: string } | undefined }): Promise<HeadNodeStatus> {
  return (await (await fetch(`${service.http?.url}/status`)).json()) as HeadNodeStatus
}
