// Fan-out against a real Redis: what lands on which queue, in which order, with which bookkeeping.
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import {
  allPayloads,
  announce,
  controlState,
  deadLetters,
  expectedKey,
  exposureRecord,
  INSTRUMENT,
  keys,
  queueKey,
  registerWorker,
  startHeadNode,
  statusOf,
  waitForDispatchCount,
} from './helpers.ts'

describe('fan-out', () => {
  it('sends a 205-detector science exposure to 189 SFM and 8 AOS workers plus the one-offs, bookkept first', async () => {
    await using server = await startRedisServer()
    await registerWorker(server, 'SFM_WORKER-LSSTCam-000-094', 'busy')
    await registerWorker(server, 'SFM_WORKER-LSSTCam-001-094', 'free')
    await registerWorker(server, 'ONE_OFF_EXPRECORD_WORKER-LSSTCam-000', 'free')
    await registerWorker(server, 'GUIDER_WORKER-LSSTCam-000', 'busy')
    await using _headNode = await startHeadNode(server)
    const record = exposureRecord(226)
    const sfmExpected = expectedKey('SFM', record.exposureId)
    // Watch the payloads appear: every time one is visible, its expected set must already exist.
    const watch = (async () => {
      const seen: [number, number][] = []
      const deadline = Date.now() + 10_000
      while (Date.now() < deadline) {
        const reply = await server.client
          .multi()
          .llen(queueKey('SFM_WORKER-LSSTCam-000-000'))
          .exists(sfmExpected)
          .exec()
        const [queued, exists] = (reply ?? []).map(([, v]) => Number(v))
        seen.push([queued ?? 0, exists ?? 0])
        if ((queued ?? 0) > 0) break
      }
      return seen
    })()
    await announce(server, record)
    await waitForDispatchCount(server, 1)
    const seen = await watch
    expect(seen.at(-1)?.[0]).toBe(1)
    expect(seen.filter(([queued, exists]) => queued > 0 && exists === 0)).toEqual([])

    const payloads = await allPayloads(server)
    const by = (who: string) => payloads.filter((p) => p.payload.who === who)
    expect(by('SFM')).toHaveLength(189)
    expect(by('AOS')).toHaveLength(8)
    expect(by('AOS').map((p) => p.payload.pipeline)).toEqual(Array(8).fill('AOS_DANISH'))
    expect(by('AOS').map((p) => p.queue)).toContain(queueKey('AOS_WORKER-LSSTCam-000-191'))
    expect(by('ONE_OFF').map((p) => [p.queue, p.payload.task])).toEqual([
      [queueKey('GUIDER_WORKER-LSSTCam-000'), 'GUIDER'],
      [queueKey('ONE_OFF_EXPRECORD_WORKER-LSSTCam-000'), 'EXPOSURE_RECORD'],
    ])
    // Detector 94's free depth-1 worker gets it; every other detector queues at depth 0.
    expect(await server.client.llen(queueKey('SFM_WORKER-LSSTCam-001-094'))).toBe(1)
    expect(await server.client.llen(queueKey('SFM_WORKER-LSSTCam-000-094'))).toBe(0)
    expect(new Set(by('SFM').map((p) => p.payload.dataIds[0]?.detector)).size).toBe(189)

    expect(await server.client.scard(sfmExpected)).toBe(189)
    expect(await server.client.smembers(expectedKey('AOS', record.exposureId))).toHaveLength(8)
    const ttl = await server.client.ttl(sfmExpected)
    expect(ttl).toBeGreaterThan(215_000)
    expect(ttl).toBeLessThanOrEqual(216_000)
    const aosKey = keys.key('aosPipeline', { instrument: INSTRUMENT, processingId: String(record.exposureId) })
    expect(await server.client.get(aosKey)).toBe('AOS_DANISH')
    expect(await server.client.ttl(aosKey)).toBeGreaterThan(172_000)
    expect(await controlState(server)).toMatchObject({
      dispatchCount: '1',
      latestExposureId: String(record.exposureId),
    })
    expect(await server.client.llen(keys.key('incomingClaimed', { instrument: INSTRUMENT }))).toBe(0)
  })

  it('takes the newest exposure first when several are queued', async () => {
    await using server = await startRedisServer()
    const records = [exposureRecord(1), exposureRecord(2), exposureRecord(3)]
    await announce(server, ...records)
    await using _headNode = await startHeadNode(server)
    await waitForDispatchCount(server, 3)
    // The worker takes the head of its queue: the newest exposure, whatever order payloads were pushed in.
    const queued = (await server.client.lrange(queueKey('SFM_WORKER-LSSTCam-000-094'), 0, -1)).map((t) => JSON.parse(t))
    expect(queued.map((p) => p.dataIds[0].exposure)).toEqual([
      records[2]?.exposureId,
      records[1]?.exposureId,
      records[0]?.exposureId,
    ])
    // And the head node dispatched the newest first.
    const enqueued = queued.map((p) => Date.parse(p.enqueuedAt))
    expect(enqueued[0]).toBeLessThanOrEqual(enqueued[2] ?? 0)
    expect((await controlState(server)).latestExposureId).toBe(String(records[2]?.exposureId))
  })

  it('routes a calib to its ISR pipeline under who ISR, corners included', async () => {
    await using server = await startRedisServer()
    await using _headNode = await startHeadNode(server)
    const bias = exposureRecord(10, { observationType: 'bias', canSeeSky: false })
    await announce(server, bias)
    await waitForDispatchCount(server, 1)
    expect(await server.client.scard(expectedKey('ISR', bias.exposureId))).toBe(197)
    expect(await server.client.exists(expectedKey('SFM', bias.exposureId), expectedKey('AOS', bias.exposureId))).toBe(0)
    const payloads = await allPayloads(server)
    expect(new Set(payloads.map((p) => p.payload.who))).toEqual(new Set(['ISR']))
    const sfmPipelines = payloads.filter((p) => p.queue.includes('SFM_WORKER')).map((p) => p.payload.pipeline)
    expect(new Set(sfmPipelines)).toEqual(new Set(['BIAS']))
    const aosPipelines = payloads.filter((p) => p.queue.includes('AOS_WORKER')).map((p) => p.payload.pipeline)
    expect(aosPipelines).toEqual(Array(8).fill('ISR'))
  })

  it('sets invalid records aside as dead letters and carries on', async () => {
    await using server = await startRedisServer()
    await using _headNode = await startHeadNode(server)
    const { exposureId: _, ...missingId } = exposureRecord(20)
    await announce(
      server,
      '{not json',
      JSON.stringify(missingId),
      exposureRecord(21, { instrument: 'LATISS', obsId: 'AT_O_20251115_000021' }),
      exposureRecord(22),
    )
    await waitForDispatchCount(server, 1)
    await expect.poll(async () => (await deadLetters(server)).length).toBe(3)
    const letters = await deadLetters(server)
    expect(letters.map((l) => l.code).sort()).toEqual([
      'RA_EXPOSURE_RECORD_INVALID',
      'RA_EXPOSURE_RECORD_INVALID',
      'RA_EXPOSURE_RECORD_WRONG_INSTRUMENT',
    ])
    expect(letters.some((l) => l.input === '{not json' && l.reason.includes('not valid JSON'))).toBe(true)
    expect(letters.some((l) => l.reason.includes('exposureId'))).toBe(true)
    expect(await server.client.scard(expectedKey('SFM', exposureRecord(22).exposureId))).toBe(189)
    expect(await server.client.llen(keys.key('incomingClaimed', { instrument: INSTRUMENT }))).toBe(0)
    expect(await server.client.llen(keys.key('incoming', { instrument: INSTRUMENT }))).toBe(0)
  })

  it('drops a duplicate record of an exposure already dispatched, and skips one-offs nobody runs', async () => {
    await using server = await startRedisServer()
    await using _headNode = await startHeadNode(server)
    const record = exposureRecord(30)
    await announce(server, record)
    await waitForDispatchCount(server, 1)
    await announce(server, record)
    await expect.poll(() => server.client.llen(keys.key('incoming', { instrument: INSTRUMENT }))).toBe(0)
    await expect.poll(() => server.client.llen(keys.key('incomingClaimed', { instrument: INSTRUMENT }))).toBe(0)
    expect(await server.client.llen(queueKey('SFM_WORKER-LSSTCam-000-094'))).toBe(1)
    expect((await controlState(server)).dispatchCount).toBe('1')
    // No one-off worker was registered: nothing was queued for one.
    expect((await allPayloads(server)).filter((p) => p.payload.who === 'ONE_OFF')).toEqual([])
  })

  it('serves its status: controls in effect, queue lengths, the last exposure and counts', async () => {
    await using server = await startRedisServer()
    await using headNode = await startHeadNode(server)
    const record = exposureRecord(40)
    await announce(server, record)
    await waitForDispatchCount(server, 1)
    await expect.poll(async () => (await statusOf(headNode)).lastDispatched?.exposureId).toBe(record.exposureId)
    const status = await statusOf(headNode)
    expect(status).toMatchObject({
      instrument: 'LSSTCam',
      controls: { CHIP_SELECTION: 'ALL', AOS_PIPELINE: 'AOS_DANISH', VISIT_PROCESSING_MODE: 'CONSTANT' },
      dispatch: { dispatchCount: 1, latestExposureId: record.exposureId },
      lastDispatched: { obsId: record.obsId, route: 'science', payloads: 197 },
      pendingGathers: 0,
      counts: { exposuresDispatched: 1, payloadsQueued: 197, oneOffsSkipped: 2 },
    })
    expect(status.queues).toHaveProperty('incomingClaimed')
    const metrics = await (await fetch(`${headNode.http?.url}/metrics`)).text()
    expect(metrics).toMatch(/ra_head_node_dispatch_latency_seconds_count\{[^}]*route="science"[^}]*\} 1/)
  })
})
