// ----------------------------------------------------------------------------
// The RA core as real processes on a private Redis: watcher, head node, cluster
// manager and ~200 workers in pools. What the services' own integration tests
// show one at a time, shown here together.
// ----------------------------------------------------------------------------
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRedisKeys } from '@rubin/ra-contract'
import { sleep, xaddJson } from '@rubin/ra-runtime'
import { describe, expect, it } from 'vitest'
import { observe } from '../src/scenario/collect.ts'
import { isVisitStep, runDispatch } from '../src/scenario/dispatch.ts'
import { scienceExposure } from '../src/scenario/records.ts'
import { LSSTCAM_POOLS, startSystem } from '../src/scenario/system.ts'
import { runWorkerCrash } from '../src/scenario/worker-crash.ts'

const keys = createRedisKeys()
const quiet = () => {}
const logDir = async () => mkdtemp(join(tmpdir(), 'ra-system-'))
const landed = keys.key('rawLanded', { instrument: 'LSSTCam' })

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let value = await read()
  while (!ok(value) && Date.now() < deadline) {
    await sleep(250)
    value = await read()
  }
  return value
}

const isStep1b = isVisitStep

describe('the RA core, as processes', () => {
  it('fans a 205-detector exposure out and in, and runs the visit steps although two detectors fail', async () => {
    const failing = [5, 77]
    await using system = await startSystem({
      instrument: 'LSSTCam',
      logDir: await logDir(),
      pools: LSSTCAM_POOLS,
      env: { RA_PIPELINES: JSON.stringify({ '*': { kind: 'test', sleepMs: 50, failDetectors: failing } }) },
    })
    const record = scienceExposure(20251122, 42, new Date())
    await xaddJson(system.redis.client, landed, record)
    const id = String(record.exposureId)
    const seen = await until(
      () => observe(system.redis.url, 'LSSTCam', [id], ['SFM', 'AOS']),
      (o) => o.timings.filter(isStep1b).length >= 2,
    )
    const step1a = seen.timings.filter((t) => t.processingId === id && t.detector !== undefined)
    expect(step1a.filter((t) => t.who === 'SFM')).toHaveLength(189)
    expect(step1a.filter((t) => t.who === 'AOS')).toHaveLength(8)
    expect(
      step1a
        .filter((t) => t.outcome === 'failed')
        .map((t) => t.detector)
        .sort((a, b) => (a ?? 0) - (b ?? 0)),
    ).toEqual(failing)
    const sfm = seen.gathers.find((g) => g.who === 'SFM')
    expect(sfm).toMatchObject({ processingId: id, expected: 189, failedDetectors: failing })
    expect(seen.gathers.find((g) => g.who === 'AOS')).toMatchObject({
      processingId: id,
      expected: 8,
      failedDetectors: [],
    })
    expect(seen.gathers).toHaveLength(2) // exactly once each
    expect(seen.missing.size).toBe(0)
    expect(
      seen.timings
        .filter(isStep1b)
        .map((t) => t.who)
        .sort(),
    ).toEqual(['AOS', 'SFM'])
  })

  it('takes the newest exposure first when the workers cannot keep up', async () => {
    await using system = await startSystem({
      instrument: 'LSSTCam',
      logDir: await logDir(),
      pools: LSSTCAM_POOLS,
      env: { RA_TEST_PIPELINE_MS: '1500' },
    })
    const records = [1, 2, 3, 4].map((seq) => scienceExposure(20251122, seq, new Date()))
    for (const record of records) await xaddJson(system.redis.client, landed, record)
    const ids = records.map((r) => String(r.exposureId))
    const seen = await until(
      () => observe(system.redis.url, 'LSSTCam', ids, ['SFM']),
      (o) => o.timings.filter((t) => t.detector === 94).length >= 4,
    )
    const runs = seen.timings
      .filter((t) => t.detector === 94 && t.who === 'SFM')
      .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt))
    expect(runs).toHaveLength(4)
    // The detector's own worker: whatever it took first, everything after runs newest first.
    const own = runs.filter((t) => t.workerId === 'SFM_WORKER-LSSTCam-000-094').map((t) => Number(t.processingId) % 100)
    expect(own.slice(1)).toEqual([...own.slice(1)].sort((a, b) => b - a))
    // The backlog behind it went to spare workers (the cluster manager moves the oldest first), so the
    // newest exposure is never left waiting behind older ones.
    const spares = runs.filter((t) => t.workerId.startsWith('BACKLOG_WORKER')).map((t) => Number(t.processingId) % 100)
    expect(own.length + spares.length).toBe(4)
    expect(own).toContain(4)
  })

  it('loses nothing and duplicates nothing when Redis restarts mid-night', async () => {
    await using system = await startSystem({
      instrument: 'LSSTCam',
      logDir: await logDir(),
      pools: LSSTCAM_POOLS,
      env: { RA_TEST_PIPELINE_MS: '800' },
    })
    const records = [7, 8].map((seq) => scienceExposure(20251122, seq, new Date()))
    await xaddJson(system.redis.client, landed, records[0])
    await sleep(400) // payloads in flight
    await system.redis.restart({ downMs: 1000 })
    await xaddJson(system.redis.client, landed, records[1])
    const ids = records.map((r) => String(r.exposureId))
    const seen = await until(
      () => observe(system.redis.url, 'LSSTCam', ids, ['SFM', 'AOS']),
      (o) => o.gathers.length >= 4 && o.timings.filter(isStep1b).length >= 4 && o.missing.size === 0,
    )
    expect(seen.missing.size).toBe(0)
    expect(seen.gathers.map((g) => `${g.processingId}/${g.who}`).sort()).toEqual(
      ids.flatMap((id) => [`${id}/AOS`, `${id}/SFM`]).sort(),
    )
    expect(seen.timings.filter(isStep1b)).toHaveLength(4)
  })

  it('reports the dispatch scenario figures with nothing lost', async () => {
    const result = await runDispatch({
      exposures: 2,
      pipelineMs: 200,
      cadenceS: 1,
      timeoutS: 90,
      logDir: await logDir(),
      progress: quiet,
    })
    expect(result).toMatchObject({ exposures: 2, visit_steps_dispatched: 4, lost: 0, duplicates: 0 })
    expect(result.payloads_completed).toBe(result.payloads_dispatched)
    expect((result.dispatch_latency_ms as { n: number }).n).toBe(2)
  })

  it('recovers every payload a SIGKILLed pool held, re-queued by the cluster manager', async () => {
    const result = await runWorkerCrash({
      exposures: 2,
      pipelineMs: 3000,
      cadenceS: 1,
      timeoutS: 90,
      logDir: await logDir(),
      progress: quiet,
    })
    expect(result.killed_in_flight).toBeGreaterThan(0)
    expect(result).toMatchObject({ lost: 0, unrecovered: 0 })
    expect(result.requeued).toBeGreaterThanOrEqual(result.killed_in_flight as number)
    expect(result.recovery_s_max).toBeLessThanOrEqual(30)
  })
})
