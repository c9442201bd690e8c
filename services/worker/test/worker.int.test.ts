// The worker's main path against a real Redis: claim, run, complete; failures; bad input; heartbeat.
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import {
  claimed,
  deadLetters,
  eventually,
  gathers,
  heartbeat,
  keys,
  push,
  queued,
  setExpected,
  startWorker,
  statusOf,
  timings,
  workerIdFor,
} from './harness.ts'
import { processPayload } from './payloads.ts'

const ME = workerIdFor(94)

describe('worker: claim, run, complete', () => {
  it('runs a queued payload and records its completion: sets, timing, GatherReady, empty claimed list', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await setExpected(client, '2025111500226', [94])
    await using worker = await startWorker(server)
    const payload = processPayload({ exposure: 2025111500226, detector: 94 })
    await push(client, ME, payload)
    await eventually(() => gathers(client)).toHaveLength(1)
    const base = { instrument: 'LSSTCam', who: 'SFM', processingId: '2025111500226' } as const
    expect(await client.smembers(keys.key('finishedDetectors', base))).toEqual(['94'])
    expect(await client.exists(keys.key('failedDetectors', base))).toBe(0)
    expect(await client.ttl(keys.key('finishedDetectors', base))).toBeGreaterThan(200_000)
    expect(await client.ttl(keys.key('gatherDispatched', base))).toBeGreaterThan(200_000)
    expect(await gathers(client)).toEqual([{ ...base, expected: 1, failedDetectors: [], at: expect.any(String) }])
    const [timing] = await timings(client)
    expect(timing).toMatchObject({
      payloadId: payload.payloadId,
      workerId: ME,
      who: 'SFM',
      processingId: '2025111500226',
      detector: 94,
      pipeline: 'SFM',
      outcome: 'finished',
      enqueuedAt: payload.enqueuedAt,
    })
    expect(Date.parse(timing?.finishedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(timing?.startedAt ?? ''))
    expect(await claimed(client, ME)).toEqual([])
    expect(await queued(client, ME)).toEqual([])
    expect((await statusOf(worker.http?.url)).counts).toMatchObject({ finished: 1, failed: 0 })
    expect(await (await fetch(`${worker.http?.url}/metrics`)).text()).toMatch(
      /ra_worker_payloads_total\{outcome="finished",service="worker"\} 1/,
    )
  })

  it('counts a failure as finished-but-failed and lists it in failedDetectors; GatherReady waits for the last', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await setExpected(client, '7', [93, 94, 95])
    await using worker = await startWorker(server, {
      RA_PIPELINES: JSON.stringify({ '*': { kind: 'test', failDetectors: [93, 95] } }),
    })
    await push(client, ME, processPayload({ exposure: 7, detector: 95 }), processPayload({ exposure: 7, detector: 93 }))
    await eventually(() => timings(client)).toHaveLength(2)
    expect(await gathers(client)).toEqual([]) // 94 is still to come
    await push(client, ME, processPayload({ exposure: 7, detector: 94 }))
    await eventually(() => gathers(client)).toHaveLength(1)
    const base = { instrument: 'LSSTCam', who: 'SFM', processingId: '7' } as const
    expect((await client.smembers(keys.key('finishedDetectors', base))).sort()).toEqual(['93', '94', '95'])
    expect((await client.smembers(keys.key('failedDetectors', base))).sort()).toEqual(['93', '95'])
    expect((await gathers(client))[0]).toMatchObject({ expected: 3, failedDetectors: [93, 95] })
    const outcomes = (await timings(client)).map((t) => [t.detector, t.outcome, t.reason])
    expect(outcomes).toEqual([
      // LIFO: 93 was pushed last, so it ran first.
      [93, 'failed', expect.stringMatching(/detector 93/)],
      [95, 'failed', expect.stringMatching(/detector 95/)],
      [94, 'finished', undefined],
    ])
    expect((await statusOf(worker.http?.url)).counts).toMatchObject({ finished: 1, failed: 2 })
  })

  it('never triggers on a missing (expired) expected set', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await using _worker = await startWorker(server)
    await push(client, ME, processPayload({ exposure: 8, detector: 94 }))
    await eventually(() => timings(client)).toHaveLength(1)
    expect(
      await client.smembers(keys.key('finishedDetectors', { instrument: 'LSSTCam', who: 'SFM', processingId: '8' })),
    ).toEqual(['94'])
    expect(await gathers(client)).toEqual([])
  })

  it('visit-level and one-off payloads leave only a timing', async () => {
    await using server = await startRedisServer()
    const { client } = server
    const step1b = 'STEP1B_WORKER-LSSTCam-000'
    await using _worker = await startWorker(server, {
      RA_WORKER_FLAVOUR: 'STEP1B_WORKER',
      RA_WORKER_DETECTOR: undefined,
    })
    await setExpected(client, '9', [94])
    await push(client, step1b, processPayload({ exposure: 9, step: 'step1b' }))
    await eventually(() => timings(client)).toHaveLength(1)
    expect((await timings(client))[0]).toMatchObject({ workerId: step1b, processingId: '9', outcome: 'finished' })
    expect((await timings(client))[0]).not.toHaveProperty('detector')
    expect(await client.keys('*:finished')).toEqual([])
    expect(await claimed(client, step1b)).toEqual([])
  })

  it('sets invalid payloads aside as dead letters and carries on', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await using worker = await startWorker(server)
    const good = processPayload({ exposure: 10, detector: 94 })
    const wrongShape = JSON.stringify({ ...good, attempt: 0 })
    await push(client, ME, good, '{not json', wrongShape)
    await eventually(() => timings(client)).toHaveLength(1)
    const letters = await deadLetters(client)
    expect(letters.map((l) => [l.code, l.input])).toEqual([
      ['RA_PAYLOAD_INVALID', wrongShape],
      ['RA_PAYLOAD_INVALID', '{not json'],
    ])
    expect(letters[0]?.reason).toMatch(/\/attempt/)
    expect(await claimed(client, ME)).toEqual([])
    expect((await statusOf(worker.http?.url)).counts).toMatchObject({ finished: 1, invalid: 2 })
  })
})

describe('worker: heartbeat and registry', () => {
  it('registers, says busy with the payload while it runs (GUEST for another detector), then free', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await using worker = await startWorker(server, { RA_TEST_PIPELINE_MS: '1500' })
    expect(await heartbeat(client, ME)).toMatchObject({ workerId: ME, state: 'free', detector: 94, depth: 0 })
    expect(await client.zscore(keys.key('workers', { instrument: 'LSSTCam' }), ME)).not.toBeNull()
    expect(await client.pttl(keys.key('workerHeartbeat', { workerId: ME }))).toBeGreaterThan(1000)
    const guest = processPayload({ exposure: 11, detector: 12 })
    await push(client, ME, guest)
    await eventually(async () => (await heartbeat(client, ME))?.state).toBe('busy')
    expect(await heartbeat(client, ME)).toMatchObject({ secondary: 'GUEST', currentPayloadId: guest.payloadId })
    expect(await client.get(keys.key('workerSecondaryStatus', { workerId: ME }))).toBe('GUEST')
    expect(await claimed(client, ME)).toEqual([JSON.stringify(guest)])
    expect((await statusOf(worker.http?.url)).current?.payloadId).toBe(guest.payloadId)
    await eventually(async () => (await heartbeat(client, ME))?.state).toBe('free')
    expect(await heartbeat(client, ME)).toMatchObject({ secondary: '' })
    expect(await heartbeat(client, ME)).not.toHaveProperty('currentPayloadId')
    expect(await client.exists(keys.key('workerSecondaryStatus', { workerId: ME }))).toBe(0)
  })

  it('keeps the heartbeat alive through a payload longer than its TTL', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await using _worker = await startWorker(server, { RA_TEST_PIPELINE_MS: '3000', RA_HEARTBEAT_TTL_S: '1' })
    await push(client, ME, processPayload({ exposure: 12, detector: 94 }))
    await eventually(async () => (await heartbeat(client, ME))?.state).toBe('busy')
    await new Promise((r) => setTimeout(r, 1500))
    expect((await heartbeat(client, ME))?.state).toBe('busy')
  })

  it('a loop that dies stops heartbeating, is not ready and calls onFatal', async () => {
    await using server = await startRedisServer()
    const { client } = server
    // A claimed "list" that is not a list: the loop cannot even read its own claims.
    await client.set(keys.key('workerClaimed', { workerId: ME }), 'corrupt')
    const fatal: Error[] = []
    await using worker = await startWorker(server, {}, { onFatal: (error) => void fatal.push(error) })
    await eventually(() => fatal).toHaveLength(1)
    expect(fatal[0]?.message).toMatch(/WRONGTYPE/)
    const ready = await fetch(`${worker.http?.url}/readyz`)
    expect(ready.status).toBe(503)
    expect(await ready.text()).toMatch(/worker loop failed: WRONGTYPE/)
    await eventually(() => heartbeat(client, ME), 5000).toBeUndefined()
  })
})
