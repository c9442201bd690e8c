// Worker modes (WORKER_MODE in the control state, with the head node's latestExposureId).
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
  setControlState,
  setExpected,
  startWorker,
  statusOf,
  timings,
  workerIdFor,
} from './harness.ts'
import { processPayload } from './payloads.ts'

const ME = workerIdFor(94)
const exposures = [101, 102, 103, 104, 105]

describe('worker modes', () => {
  it('WAITING: runs the newest exposure, completes backlog as skipped so the visit step still fires', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await setControlState(client, { WORKER_MODE: 'WAITING', latestExposureId: '105' })
    for (const e of exposures) await setExpected(client, String(e), [94])
    await push(client, ME, ...exposures.map((exposure) => processPayload({ exposure, detector: 94 })))
    await using worker = await startWorker(server)
    await eventually(() => gathers(client)).toHaveLength(5)
    expect((await timings(client)).map((t) => [t.processingId, t.outcome])).toEqual([
      ['105', 'finished'],
      ['104', 'skipped'],
      ['103', 'skipped'],
      ['102', 'skipped'],
      ['101', 'skipped'],
    ])
    const failed = Object.fromEntries((await gathers(client)).map((g) => [g.processingId, g.failedDetectors]))
    expect(failed).toEqual({ '105': [], '104': [94], '103': [94], '102': [94], '101': [94] })
    expect(await statusOf(worker.http?.url)).toMatchObject({ mode: 'WAITING', counts: { finished: 1, skipped: 4 } })
  })

  it('CONSUMING: runs everything, newest first, a newer arrival ahead of older backlog', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await setControlState(client, { WORKER_MODE: 'CONSUMING', latestExposureId: '103' })
    await push(client, ME, ...[101, 102, 103].map((exposure) => processPayload({ exposure, detector: 94 })))
    await using worker = await startWorker(server, { RA_TEST_PIPELINE_MS: '600' })
    await eventually(async () => (await heartbeat(client, ME))?.currentPayloadId).toMatch(/^103-/)
    await push(client, ME, processPayload({ exposure: 104, detector: 94 }))
    await setControlState(client, { latestExposureId: '104' })
    await eventually(() => timings(client)).toHaveLength(4)
    expect((await timings(client)).map((t) => [t.processingId, t.outcome])).toEqual([
      ['103', 'finished'],
      ['104', 'finished'],
      ['102', 'finished'],
      ['101', 'finished'],
    ])
    expect(await statusOf(worker.http?.url)).toMatchObject({ mode: 'CONSUMING', counts: { finished: 4, abandoned: 0 } })
  })

  it('MURDEROUS: abandons backlog work when a newer payload lands, re-queues it at the tail (attempt + 1)', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await setControlState(client, { WORKER_MODE: 'MURDEROUS', latestExposureId: '200' })
    const pipelines = { ISR: { kind: 'test', sleepMs: 2500 }, '*': { kind: 'test', sleepMs: 500 } }
    await using worker = await startWorker(server, { RA_PIPELINES: JSON.stringify(pipelines) })
    const backlog = processPayload({ exposure: 150, detector: 94, pipeline: 'ISR' })
    await push(client, ME, backlog)
    await eventually(async () => (await heartbeat(client, ME))?.currentPayloadId).toBe(backlog.payloadId)

    // Sample both lists atomically until the backlog payload completes: it must always be in exactly one.
    const claimedKey = keys.key('workerClaimed', { workerId: ME })
    const queueKey = keys.key('workerQueue', { workerId: ME })
    const places: string[] = []
    let sampling = true
    const sampler = (async () => {
      while (sampling) {
        const [[, inClaimed], [, inQueue]] = (await client
          .multi()
          .lrange(claimedKey, 0, -1)
          .lrange(queueKey, 0, -1)
          .exec()) as [[null, string[]], [null, string[]]]
        const count = (list: string[]) => list.filter((raw) => raw.includes(backlog.payloadId)).length
        places.push(`${count(inClaimed)}${count(inQueue)}`)
        await new Promise((r) => setTimeout(r, 5))
      }
    })()

    const fresh = processPayload({ exposure: 201, detector: 94 })
    await setControlState(client, { latestExposureId: '201' })
    await push(client, ME, fresh)
    await eventually(async () => (await queued(client, ME)).map((raw) => JSON.parse(raw).attempt)).toEqual([2])
    await eventually(async () => (await heartbeat(client, ME))?.currentPayloadId).toBe(fresh.payloadId)
    await eventually(() => timings(client)).toHaveLength(2)
    sampling = false
    await sampler
    expect((await timings(client)).map((t) => [t.payloadId, t.outcome])).toEqual([
      [fresh.payloadId, 'finished'],
      [backlog.payloadId, 'finished'],
    ])
    // Claimed ('10'), then back in the queue ('01'), claimed again, and gone ('00') only once completed.
    const gone = places.indexOf('00')
    const alive = gone === -1 ? places : places.slice(0, gone)
    expect(alive.every((p) => p === '10' || p === '01')).toBe(true)
    expect(places.slice(alive.length).every((p) => p === '00')).toBe(true)
    expect(alive).toContain('01')
    expect(await claimed(client, ME)).toEqual([])
    expect(await statusOf(worker.http?.url)).toMatchObject({ counts: { finished: 2, abandoned: 1 } })
  })

  it('MURDEROUS never abandons work for the newest exposure', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await setControlState(client, { WORKER_MODE: 'MURDEROUS', latestExposureId: '300' })
    const pipelines = { ISR: { kind: 'test', sleepMs: 1200 }, '*': { kind: 'test', sleepMs: 0 } }
    await using worker = await startWorker(server, { RA_PIPELINES: JSON.stringify(pipelines) })
    const current = processPayload({ exposure: 300, detector: 94, pipeline: 'ISR' })
    await push(client, ME, current)
    await eventually(async () => (await heartbeat(client, ME))?.currentPayloadId).toBe(current.payloadId)
    await setControlState(client, { latestExposureId: '301' })
    await push(client, ME, processPayload({ exposure: 301, detector: 94 }))
    await eventually(() => timings(client)).toHaveLength(2)
    expect((await timings(client)).map((t) => t.processingId)).toEqual(['300', '301'])
    expect((await statusOf(worker.http?.url)).counts.abandoned).toBe(0)
  })
})
