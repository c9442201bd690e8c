// Restarts: of Redis in the middle of the fan-out, and of the head node with records left claimed.
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import {
  announce,
  controlState,
  expectedKey,
  exposureRecord,
  INSTRUMENT,
  keys,
  queueKey,
  sleep,
  startHeadNode,
  waitForDispatchCount,
} from './helpers.ts'

describe('resilience', () => {
  it('loses nothing and duplicates nothing when Redis restarts in the middle of the fan-out', async () => {
    await using server = await startRedisServer()
    const records = Array.from({ length: 40 }, (_, i) => exposureRecord(500 + i))
    await announce(server, ...records)
    await using _headNode = await startHeadNode(server)
    await expect
      .poll(async () => Number((await controlState(server)).dispatchCount ?? 0), { interval: 5 })
      .toBeGreaterThan(0)
    await server.restart({ downMs: 300 })
    await waitForDispatchCount(server, records.length)
    expect(await server.client.llen(keys.key('incoming', { instrument: INSTRUMENT }))).toBe(0)
    expect(await server.client.llen(keys.key('incomingClaimed', { instrument: INSTRUMENT }))).toBe(0)
    // Every exposure exactly once on every detector's queue, with its expected sets.
    for (const queue of ['SFM_WORKER-LSSTCam-000-000', 'SFM_WORKER-LSSTCam-000-188', 'AOS_WORKER-LSSTCam-000-204']) {
      const ids = (await server.client.lrange(queueKey(queue), 0, -1)).map((t) => JSON.parse(t).dataIds[0].exposure)
      expect(ids.sort(), queue).toEqual(records.map((r) => r.exposureId).sort())
    }
    for (const record of records) {
      expect(await server.client.scard(expectedKey('SFM', record.exposureId))).toBe(189)
      expect(await server.client.scard(expectedKey('AOS', record.exposureId))).toBe(8)
    }
  })

  it('dispatches what a crash left claimed, and drops a claimed duplicate of a dispatched exposure', async () => {
    await using server = await startRedisServer()
    const claimed = keys.key('incomingClaimed', { instrument: INSTRUMENT })
    const done = exposureRecord(600)
    const left = exposureRecord(601)
    {
      await using _first = await startHeadNode(server)
      await announce(server, done)
      await waitForDispatchCount(server, 1)
    }
    // As if a head node had claimed these (BLMOVE) and died before fanning them out.
    await server.client.rpush(claimed, JSON.stringify(done), JSON.stringify(left))
    await using _second = await startHeadNode(server)
    await waitForDispatchCount(server, 2)
    await expect.poll(() => server.client.llen(claimed)).toBe(0)
    const ids = (await server.client.lrange(queueKey('SFM_WORKER-LSSTCam-000-094'), 0, -1)).map(
      (t) => JSON.parse(t).dataIds[0].exposure,
    )
    expect(ids).toEqual([left.exposureId, done.exposureId])
    await sleep(200)
    expect((await controlState(server)).dispatchCount).toBe('2')
  })
})
