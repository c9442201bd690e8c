// Exactly one GatherReady per processing id, however completions interleave.
import { connectRedis } from '@rubin/ra-runtime'
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import { complete } from '../src/complete.lua.ts'
import { eventually, gathers, keys, push, setExpected, startWorker, timings, workerIdFor } from './harness.ts'
import { processPayload } from './payloads.ts'

const base = (processingId: string) => ({ instrument: 'LSSTCam', who: 'SFM', processingId }) as const

describe('GatherReady under concurrency', () => {
  it('four workers racing through 20 exposures × 16 detectors write one GatherReady per exposure', async () => {
    await using server = await startRedisServer()
    const { client } = server
    const workers = [0, 1, 2, 3]
    const exposures = Array.from({ length: 20 }, (_, i) => 2025111500300 + i)
    const detectors = Array.from({ length: 16 }, (_, i) => i)
    const failing = [5, 10]
    for (const exposure of exposures) await setExpected(client, String(exposure), detectors)
    const pipelines = JSON.stringify({ '*': { kind: 'test', sleepMs: 0, failDetectors: failing } })
    await using w0 = await startWorker(server, { RA_WORKER_DETECTOR: '0', RA_PIPELINES: pipelines })
    await using w1 = await startWorker(server, { RA_WORKER_DETECTOR: '1', RA_PIPELINES: pipelines })
    await using w2 = await startWorker(server, { RA_WORKER_DETECTOR: '2', RA_PIPELINES: pipelines })
    await using w3 = await startWorker(server, { RA_WORKER_DETECTOR: '3', RA_PIPELINES: pipelines })
    // Every exposure's detectors spread over all four queues, so its last detectors finish on different workers.
    await Promise.all(
      workers.map((w) =>
        push(
          client,
          workerIdFor(w),
          ...exposures.flatMap((exposure) =>
            detectors.filter((d) => d % 4 === w).map((detector) => processPayload({ exposure, detector })),
          ),
        ),
      ),
    )
    await eventually(async () => (await timings(client)).length, 30_000).toBe(exposures.length * detectors.length)
    const ready = await gathers(client)
    expect(ready.map((g) => g.processingId).sort()).toEqual(exposures.map(String).sort())
    for (const g of ready) expect(g).toMatchObject({ expected: 16, failedDetectors: failing })
    const byWorker = new Set((await timings(client)).map((t) => t.workerId))
    expect(byWorker.size).toBe(4)
    for (const w of [w0, w1, w2, w3]) expect(w.running.status?.()).toMatchObject({ counts: { invalid: 0 } })
  })

  it('the completion script itself: 50 concurrent last detectors from 10 connections, one GatherReady', async () => {
    await using server = await startRedisServer()
    const detectors = Array.from({ length: 50 }, (_, i) => i)
    await setExpected(server.client, '42', detectors)
    const handles = Array.from({ length: 10 }, (_, i) => connectRedis({ url: server.url, name: `racer-${i}` }))
    try {
      const claimedKey = keys.key('workerClaimed', { workerId: workerIdFor(0) })
      const step1aKeys = {
        expected: keys.key('expectedDetectors', base('42')),
        finished: keys.key('finishedDetectors', base('42')),
        failed: keys.key('failedDetectors', base('42')),
        gatherDispatched: keys.key('gatherDispatched', base('42')),
        completions: keys.key('completions', { instrument: 'LSSTCam' }),
      }
      const results = await Promise.all(
        detectors.map((detector) =>
          complete((handles[detector % handles.length] as (typeof handles)[number]).client, {
            keys: { claimed: claimedKey, payloadTimings: keys.key('payloadTimings', { instrument: 'LSSTCam' }) },
            raw: `payload-${detector}`,
            timingJson: '{}',
            step1a: {
              keys: step1aKeys,
              detector,
              outcome: detector === 7 ? 'skipped' : 'finished',
              gatherBaseJson: JSON.stringify({ ...base('42'), at: '2025-11-16T03:13:20.500Z' }),
            },
          }),
        ),
      )
      expect(results.filter((r) => r.gathered)).toHaveLength(1)
      expect(await gathers(server.client)).toEqual([
        { ...base('42'), at: '2025-11-16T03:13:20.500Z', expected: 50, failedDetectors: [7] },
      ])
    } finally {
      await Promise.all(handles.map((h) => h.close()))
    }
  })

  it('a finished detector the exposure did not expect does not stand in for an expected one', async () => {
    await using server = await startRedisServer()
    const { client } = server
    const me = workerIdFor(94)
    await setExpected(client, '88', [1, 2])
    await using _worker = await startWorker(server)
    await push(client, me, processPayload({ exposure: 88, detector: 1 }), processPayload({ exposure: 88, detector: 3 }))
    await eventually(() => timings(client)).toHaveLength(2)
    expect(await gathers(client)).toEqual([])
    await push(client, me, processPayload({ exposure: 88, detector: 2 }))
    await eventually(() => gathers(client)).toHaveLength(1)
    expect((await gathers(client))[0]).toMatchObject({ expected: 2, failedDetectors: [] })
  })

  it('a payload run twice (queued twice, or re-run after a crash) counts its detector once', async () => {
    await using server = await startRedisServer()
    const { client } = server
    const me = workerIdFor(94)
    await setExpected(client, '77', [93, 94])
    const payload = processPayload({ exposure: 77, detector: 94 })
    // The same payload twice in a row, as when a completed payload is re-queued by a stale recovery.
    await push(client, me, payload, payload)
    await using _worker = await startWorker(server)
    await eventually(async () => (await client.llen(keys.key('workerQueue', { workerId: me }))) === 0).toBe(true)
    await eventually(async () => (await client.llen(keys.key('workerClaimed', { workerId: me }))) === 0).toBe(true)
    expect(await client.smembers(keys.key('finishedDetectors', base('77')))).toEqual(['94'])
    expect(await gathers(client)).toEqual([])
    await push(client, me, processPayload({ exposure: 77, detector: 93 }))
    await eventually(() => gathers(client)).toHaveLength(1)
    expect((await gathers(client))[0]).toMatchObject({ expected: 2 })
  })

  it('a completion sent twice (a resend after a Redis restart) writes one timing and one GatherReady', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await setExpected(client, '5', [1])
    const claimedKey = keys.key('workerClaimed', { workerId: workerIdFor(1) })
    await client.rpush(claimedKey, 'the-payload')
    const input = {
      keys: { claimed: claimedKey, payloadTimings: keys.key('payloadTimings', { instrument: 'LSSTCam' }) },
      raw: 'the-payload',
      timingJson: '{"n":1}',
      step1a: {
        keys: {
          expected: keys.key('expectedDetectors', base('5')),
          finished: keys.key('finishedDetectors', base('5')),
          failed: keys.key('failedDetectors', base('5')),
          gatherDispatched: keys.key('gatherDispatched', base('5')),
          completions: keys.key('completions', { instrument: 'LSSTCam' }),
        },
        detector: 1,
        outcome: 'finished' as const,
        gatherBaseJson: JSON.stringify({ ...base('5'), at: '2025-11-16T03:13:20.500Z' }),
      },
    }
    expect(await complete(client, input)).toEqual({ removed: true, gathered: true, next: null })
    expect(await complete(client, input)).toEqual({ removed: false, gathered: false, next: null })
    expect(await client.xlen(keys.key('payloadTimings', { instrument: 'LSSTCam' }))).toBe(1)
    expect(await client.xlen(keys.key('completions', { instrument: 'LSSTCam' }))).toBe(1)
    expect(await client.llen(claimedKey)).toBe(0)
  })

  it('claims the next payload in the same step: moved from the queue head to the claimed list, and returned', async () => {
    await using server = await startRedisServer()
    const { client } = server
    const claimedKey = keys.key('workerClaimed', { workerId: workerIdFor(1) })
    const queueKey = keys.key('workerQueue', { workerId: workerIdFor(1) })
    await client.rpush(claimedKey, 'done-payload')
    await client.rpush(queueKey, 'newest', 'older')
    const input = {
      keys: { claimed: claimedKey, payloadTimings: keys.key('payloadTimings', { instrument: 'LSSTCam' }) },
      raw: 'done-payload',
      timingJson: '{"n":1}',
      claimNextFrom: queueKey,
    }
    expect(await complete(client, input)).toEqual({ removed: true, gathered: false, next: 'newest' })
    expect(await client.lrange(claimedKey, 0, -1)).toEqual(['newest'])
    expect(await client.lrange(queueKey, 0, -1)).toEqual(['older'])
    // Nothing queued: nothing claimed.
    await client.del(queueKey)
    expect(await complete(client, { ...input, raw: 'newest' })).toEqual({ removed: true, gathered: false, next: null })
    expect(await client.llen(claimedKey)).toBe(0)
  })
})
