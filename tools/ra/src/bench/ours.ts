// ----------------------------------------------------------------------------
// Our dispatch path, for real: the head node and 197 LSSTCam workers (0 ms test
// pipeline) in this process, on a private Redis. Exposures go straight onto the
// incoming queue; timing ends when every step-1a payload has a PayloadTiming.
// ----------------------------------------------------------------------------
import { createRedisKeys, type PayloadTiming } from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { headNodeService } from '@rubin/ra-head-node'
import { entriesOf, sleep, startService } from '@rubin/ra-runtime'
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { workerService } from '@rubin/ra-worker'
import type { Redis } from 'ioredis'
import { scienceExposure } from '../scenario/records.ts'
import type { RunResult } from './result.ts'

const CWFS = [191, 192, 195, 196, 199, 200, 203, 204]
const PER_EXPOSURE = 189 + CWFS.length

export async function runOurs(exposures: number, progress: (line: string) => void): Promise<RunResult> {
  await using redis = await startRedisServer()
  const env = (extra: Record<string, string>) => ({
    RA_REDIS_URL: redis.url,
    RA_INSTRUMENT: 'LSSTCam',
    RA_LOG_LEVEL: 'warn',
    RA_TEST_PIPELINE_MS: '0',
    ...extra,
  })
  const members = [
    ...Array.from({ length: 189 }, (_, d) => ({
      RA_WORKER_FLAVOUR: 'SFM_WORKER',
      RA_WORKER_DEPTH: '0',
      RA_WORKER_DETECTOR: String(d),
    })),
    ...CWFS.map((d) => ({ RA_WORKER_FLAVOUR: 'AOS_WORKER', RA_WORKER_DEPTH: '0', RA_WORKER_DETECTOR: String(d) })),
    { RA_WORKER_FLAVOUR: 'STEP1B_WORKER', RA_WORKER_DEPTH: '0' },
    { RA_WORKER_FLAVOUR: 'STEP1B_AOS_WORKER', RA_WORKER_DEPTH: '0' },
  ]
  const started: AsyncDisposable[] = []
  try {
    for (const member of members) {
      const service = member.RA_WORKER_FLAVOUR.startsWith('STEP1B') ? 'step1b-worker' : 'worker'
      started.push(await startService(workerService({ service }), env(member), { http: false }))
    }
    started.push(await startService(headNodeService(), env({}), { http: false }))
    progress(`ours: head node and ${members.length} workers up`)
    const keys = createRedisKeys()
    const incoming = keys.key('incoming', { instrument: 'LSSTCam' })
    const timingsKey = keys.key('payloadTimings', { instrument: 'LSSTCam' })
    const records = Array.from({ length: exposures }, (_, i) => scienceExposure(20251123, i + 1, new Date()))
    const wanted = exposures * PER_EXPOSURE
    // Every payload has a timing, visit steps included (2 per exposure): extra work the baseline
    // does not do, counted against us.
    const allTimings = wanted + exposures * 2
    const begin = performance.now()
    // One command: the exposures "land" together, a backlog the system must work through.
    await redis.client.lpush(incoming, ...records.map((r) => JSON.stringify(r)))
    let done = 0
    while (done < allTimings) {
      await sleep(20)
      done = await redis.client.xlen(timingsKey)
    }
    const seconds = (performance.now() - begin) / 1000
    const latencies = await startLatencies(redis.client, timingsKey)
    return { payloads: wanted, seconds, queueToStartMs: latencies }
  } finally {
    if (process.env.RA_BENCH_COMMANDSTATS) process.stderr.write(`${await redis.client.info('commandstats')}\n`)
    await Promise.allSettled(started.map((service) => service[Symbol.asyncDispose]()))
  }
}

async function startLatencies(client: Redis, key: string): Promise<number[]> {
  const out: number[] = []
  let from = '-'
  for (;;) {
    const page = (await client.xrange(key, from, '+', 'COUNT', 5000)) as [string, string[]][]
    for (const entry of entriesOf([[key, page]], key)) {
      const timing = parseMessage('PayloadTiming', entry.data ?? '')
      if (timing.ok && (timing.value as PayloadTiming).detector !== undefined) {
        out.push(Date.parse(timing.value.startedAt) - Date.parse(timing.value.enqueuedAt))
      }
    }
    if (page.length < 5000) return out
    from = `(${page.at(-1)?.[0]}`
  }
}
