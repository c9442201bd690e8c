// The MOSAIC_POST_ISR one-off rides on the SFM gather: queued to a MOSAIC_WORKER in the same
// atomic batch as step1b, so exactly once, across head-node restarts and concurrent instances.
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import { gatherReady, INSTRUMENT, keys, queueKey, registerWorker, sleep, startHeadNode } from './helpers.ts'

const completions = keys.key('completions', { instrument: INSTRUMENT })
const GROUP = 'head-node'
const MOSAIC = 'MOSAIC_WORKER-LSSTCam-000'
const STEP1B = 'STEP1B_WORKER-LSSTCam-000'

const queued = async (server: { client: { lrange(k: string, a: number, b: number): Promise<string[]> } }, id: string) =>
  (await server.client.lrange(queueKey(id), 0, -1)).map((text) => JSON.parse(text))

describe('mosaic dispatch at gather', () => {
  it('queues one MOSAIC_POST_ISR payload with the SFM step1b, once, across restarts and two head nodes', async () => {
    await using server = await startRedisServer()
    await registerWorker(server, STEP1B)
    await registerWorker(server, MOSAIC)
    // An earlier head node read the entry and died before acknowledging it.
    await server.client.xgroup('CREATE', completions, GROUP, '0', 'MKSTREAM')
    await gatherReady(server, { who: 'SFM', processingId: '2025111500226' })
    await server.client.xreadgroup('GROUP', GROUP, 'old-pod/1', 'COUNT', 10, 'STREAMS', completions, '>')
    {
      await using _a = await startHeadNode(server, { consumerName: 'pod-a/1' })
      await using _b = await startHeadNode(server, { consumerName: 'pod-b/1' })
      await expect.poll(() => server.client.llen(queueKey(MOSAIC))).toBe(1)
      await sleep(300)
    }
    {
      await using _c = await startHeadNode(server, { consumerName: 'pod-c/1' })
      await sleep(300)
    }
    const mosaics = await queued(server, MOSAIC)
    expect(mosaics).toHaveLength(1)
    expect(mosaics[0]).toMatchObject({
      kind: 'process',
      payloadId: '2025111500226-ONE-OFF-MOSAIC-POST-ISR-1',
      step: 'oneOff',
      who: 'ONE_OFF',
      task: 'MOSAIC_POST_ISR',
      dataIds: [{ instrument: INSTRUMENT, exposure: 2025111500226 }],
    })
    expect((await queued(server, STEP1B)).map((p) => p.step)).toEqual(['step1b'])
  })

  it('queues no mosaic for an AOS gather, nor without a MOSAIC_WORKER', async () => {
    await using server = await startRedisServer()
    await registerWorker(server, STEP1B)
    await registerWorker(server, 'STEP1B_AOS_WORKER-LSSTCam-000')
    await using _headNode = await startHeadNode(server)
    await gatherReady(server, { who: 'SFM', processingId: '2025111500300' })
    await expect.poll(() => server.client.llen(queueKey(STEP1B))).toBe(1)
    await registerWorker(server, MOSAIC)
    await gatherReady(server, { who: 'AOS', processingId: '2025111500301', expected: 8 })
    await expect.poll(() => server.client.llen(queueKey('STEP1B_AOS_WORKER-LSSTCam-000'))).toBe(1)
    await sleep(200)
    expect(await server.client.llen(queueKey(MOSAIC))).toBe(0)
  })
})
