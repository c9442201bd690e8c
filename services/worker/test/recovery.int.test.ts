// Nothing is lost: a worker killed mid-payload, and Redis itself restarting mid-run.
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import {
  claimed,
  eventually,
  gathers,
  heartbeat,
  keys,
  push,
  queued,
  setExpected,
  spawnWorker,
  startWorker,
  timings,
  workerIdFor,
} from './harness.ts'
import { processPayload } from './payloads.ts'

const ME = workerIdFor(94)

describe('crash recovery', () => {
  it('a worker SIGKILLed mid-payload leaves it claimed; the restarted worker re-runs it and completes it once', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await setExpected(client, '2025111500100', [94])
    const payload = processPayload({ exposure: 2025111500100, detector: 94 })
    {
      await using crashing = spawnWorker(server, { RA_TEST_PIPELINE_MS: '60000' })
      await push(client, ME, payload)
      await eventually(async () => (await heartbeat(client, ME))?.currentPayloadId, 20_000).toBe(payload.payloadId)
      crashing.child.kill('SIGKILL')
      expect(await crashing.exited).toBeNull()
    }
    expect(await claimed(client, ME)).toEqual([JSON.stringify(payload)])
    expect(await queued(client, ME)).toEqual([])
    expect(await timings(client)).toEqual([])

    await using _restarted = await startWorker(server)
    await eventually(() => gathers(client)).toHaveLength(1)
    await new Promise((r) => setTimeout(r, 500)) // room for a wrong second completion to show up
    expect(await gathers(client)).toHaveLength(1)
    expect((await timings(client)).map((t) => [t.payloadId, t.outcome])).toEqual([[payload.payloadId, 'finished']])
    expect(await claimed(client, ME)).toEqual([])
  })

  it('a Redis restart mid-run loses nothing: every payload completes once, one GatherReady', async () => {
    await using server = await startRedisServer()
    const { client } = server
    const detectors = Array.from({ length: 12 }, (_, i) => i)
    await setExpected(client, '2025111500200', detectors)
    await using _a = await startWorker(server, { RA_WORKER_DETECTOR: '0', RA_TEST_PIPELINE_MS: '150' })
    await using _b = await startWorker(server, { RA_WORKER_DETECTOR: '1', RA_TEST_PIPELINE_MS: '150' })
    for (const w of [0, 1]) {
      const mine = detectors.filter((d) => d % 2 === w)
      await push(
        client,
        workerIdFor(w),
        ...mine.map((detector) => processPayload({ exposure: 2025111500200, detector })),
      )
    }
    await eventually(async () => (await timings(client)).length > 0).toBe(true)
    await server.restart({ downMs: 700 })
    await eventually(() => gathers(client), 30_000).toHaveLength(1)
    expect((await gathers(client))[0]).toMatchObject({ expected: 12, failedDetectors: [] })
    const finished = keys.key('finishedDetectors', { instrument: 'LSSTCam', who: 'SFM', processingId: '2025111500200' })
    expect((await client.smembers(finished)).map(Number).sort((x, y) => x - y)).toEqual(detectors)
    const ids = (await timings(client)).map((t) => t.payloadId)
    expect(new Set(ids).size).toBe(12)
    expect(ids).toHaveLength(12)
    for (const w of [0, 1]) {
      expect(await claimed(client, workerIdFor(w))).toEqual([])
      expect(await queued(client, workerIdFor(w))).toEqual([])
    }
  })
})
