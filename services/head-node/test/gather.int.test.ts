// Gather against a real Redis: GatherReady → exactly one visit-level payload, across restarts too.
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import {
  allPayloads,
  announce,
  deadLetters,
  expectedKey,
  exposureRecord,
  gatherReady,
  INSTRUMENT,
  keys,
  queueKey,
  registerWorker,
  sendControl,
  sleep,
  startHeadNode,
  waitForDispatchCount,
} from './helpers.ts'

const completions = keys.key('completions', { instrument: INSTRUMENT })
const GROUP = 'head-node'

async function pendingCount(server: { client: { xpending(key: string, group: string): Promise<unknown> } }) {
  const [count] = (await server.client.xpending(completions, GROUP)) as [number]
  return count
}

describe('gather', () => {
  it('turns the workers’ last completion into one step1b payload, end to end', async () => {
    await using server = await startRedisServer()
    await registerWorker(server, 'STEP1B_WORKER-LSSTCam-000', 'busy')
    await registerWorker(server, 'STEP1B_WORKER-LSSTCam-001', 'free')
    await using _headNode = await startHeadNode(server)
    const record = exposureRecord(226)
    await announce(server, record)
    await waitForDispatchCount(server, 1)
    // Play the workers: every expected detector finishes (two fail), then the last one announces the gather.
    const id = String(record.exposureId)
    const expected = await server.client.smembers(expectedKey('SFM', id))
    const finished = keys.key('finishedDetectors', { instrument: INSTRUMENT, who: 'SFM', processingId: id })
    await server.client.sadd(finished, ...expected)
    await gatherReady(server, { who: 'SFM', processingId: id, expected: expected.length, failedDetectors: [12, 140] })

    await expect.poll(() => server.client.llen(queueKey('STEP1B_WORKER-LSSTCam-001'))).toBe(1)
    const [text] = await server.client.lrange(queueKey('STEP1B_WORKER-LSSTCam-001'), 0, -1)
    expect(JSON.parse(text ?? '')).toMatchObject({
      kind: 'process',
      payloadId: `${id}-SFM-step1b-1`,
      step: 'step1b',
      who: 'SFM',
      pipeline: 'SFM',
      dataIds: [{ instrument: 'LSSTCam', visit: record.exposureId }],
    })
    await expect.poll(() => pendingCount(server)).toBe(0)
    expect(await server.client.llen(queueKey('STEP1B_WORKER-LSSTCam-000'))).toBe(0)
  })

  it('sends an AOS gather to a STEP1B_AOS worker with the pipeline recorded at fan-out, and tells MTAOS', async () => {
    await using server = await startRedisServer()
    await registerWorker(server, 'STEP1B_AOS_WORKER-LSSTCam-000')
    await using _headNode = await startHeadNode(server)
    await sendControl(server, 'AOS_PIPELINE', 'TIE')
    const record = exposureRecord(50)
    await announce(server, record)
    await waitForDispatchCount(server, 1)
    // The control changes before the gather: the visit step must still run what the detectors ran.
    await sendControl(server, 'AOS_PIPELINE', 'REFIT_WCS')
    await gatherReady(server, { who: 'AOS', processingId: String(record.exposureId), expected: 8 })
    await expect.poll(() => server.client.llen(queueKey('STEP1B_AOS_WORKER-LSSTCam-000'))).toBe(1)
    const [text] = await server.client.lrange(queueKey('STEP1B_AOS_WORKER-LSSTCam-000'), 0, -1)
    expect(JSON.parse(text ?? '')).toMatchObject({ step: 'step1b', who: 'AOS', pipeline: 'AOS_TIE' })
    const wep = await server.client.hgetall(keys.key('wepProcessingResult', { instrument: INSTRUMENT }))
    expect(wep).toEqual({ [String(record.exposureId)]: '8' })
    expect(keys.key('wepProcessingResult', { instrument: INSTRUMENT })).toBe('LSSTCAM_WEP_PROCESSING_RESULT')
  })

  it('keeps a gather pending while no step1b worker is registered, and dispatches it once one is', async () => {
    await using server = await startRedisServer()
    await using _headNode = await startHeadNode(server)
    await gatherReady(server, { who: 'SFM', processingId: '2025111500060' })
    await sleep(500)
    expect(await pendingCount(server)).toBe(1)
    expect(await allPayloads(server)).toEqual([])
    await registerWorker(server, 'STEP1B_WORKER-LSSTCam-000')
    await expect.poll(() => server.client.llen(queueKey('STEP1B_WORKER-LSSTCam-000'))).toBe(1)
    await expect.poll(() => pendingCount(server)).toBe(0)
  })

  it('queues exactly one step1b payload when the head node restarts between reading and acknowledging', async () => {
    await using server = await startRedisServer()
    // An earlier head node read the entry (it is pending for it) and died before acknowledging it.
    await server.client.xgroup('CREATE', completions, GROUP, '0', 'MKSTREAM')
    await gatherReady(server, { who: 'SFM', processingId: '2025111500070' })
    await server.client.xreadgroup('GROUP', GROUP, 'old-pod/7', 'COUNT', 10, 'STREAMS', completions, '>')
    expect(await pendingCount(server)).toBe(1)
    await registerWorker(server, 'STEP1B_WORKER-LSSTCam-000')
    {
      await using _a = await startHeadNode(server, { consumerName: 'pod-a/1' })
      await expect.poll(() => server.client.llen(queueKey('STEP1B_WORKER-LSSTCam-000'))).toBe(1)
    }
    // The same head node (same consumer) restarting with its own entry still pending: re-read, queued once.
    await server.client.del(keys.key('workers', { instrument: INSTRUMENT }))
    await gatherReady(server, { who: 'SFM', processingId: '2025111500071' })
    {
      await using _b = await startHeadNode(server, { consumerName: 'pod-b/1' })
      await expect.poll(() => pendingCount(server)).toBe(1)
    }
    await registerWorker(server, 'STEP1B_WORKER-LSSTCam-000')
    {
      await using _c = await startHeadNode(server, { consumerName: 'pod-b/1' })
      await expect.poll(() => server.client.llen(queueKey('STEP1B_WORKER-LSSTCam-000'))).toBe(2)
      await expect.poll(() => pendingCount(server)).toBe(0)
    }
    {
      await using _d = await startHeadNode(server, { consumerName: 'pod-c/1' })
      await sleep(300)
    }
    const queued = (await server.client.lrange(queueKey('STEP1B_WORKER-LSSTCam-000'), 0, -1)).map((t) => JSON.parse(t))
    expect(queued.map((p) => p.dataIds[0].visit).sort()).toEqual([2025111500070, 2025111500071])
    // Earlier instances with nothing pending no longer clutter the group.
    const consumers = (await server.client.xinfo('CONSUMERS', completions, GROUP)) as unknown[][]
    expect(consumers.map((c) => c[1])).toEqual(['pod-c/1'])
  })

  it('dead-letters an invalid GatherReady, acknowledges it and carries on; ISR gathers need no step', async () => {
    await using server = await startRedisServer()
    await registerWorker(server, 'STEP1B_WORKER-LSSTCam-000')
    await using _headNode = await startHeadNode(server)
    await server.client.xadd(completions, '*', 'data', '{"who":"SFM"}')
    await server.client.xadd(completions, '*', 'other', 'x')
    await gatherReady(server, { who: 'ISR', processingId: '2025111500080', expected: 197 })
    await gatherReady(server, { who: 'SFM', processingId: '2025111500081' })
    await expect.poll(() => server.client.llen(queueKey('STEP1B_WORKER-LSSTCam-000'))).toBe(1)
    await expect.poll(() => pendingCount(server)).toBe(0)
    const letters = await deadLetters(server)
    expect(letters.map((l) => l.code)).toEqual(['RA_GATHER_READY_INVALID', 'RA_GATHER_READY_INVALID'])
    expect(letters[0]?.reason).toContain('processingId')
    expect((await allPayloads(server)).map((p) => p.payload.who)).toEqual(['SFM'])
  })
})
