// Rebalancing against a private real Redis: the oldest payloads of long SFM queues go to free backlog
// and recruitable workers, restart payloads stay, and nothing moves in WAITING mode.
import { startService } from '@rubin/ra-runtime'
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import { clusterManagerService } from '../src/index.ts'
import { enqueue, ids, keys, processPayload, queueOf, restart, statusOf, worker } from './fake-cluster.ts'

const LONG = 'SFM_WORKER-LSSTCam-000-010'
const SHORT = 'SFM_WORKER-LSSTCam-000-020'
const BACKLOG = 'BACKLOG_WORKER-LSSTCam-000'
const BACKLOG_2 = 'BACKLOG_WORKER-LSSTCam-001'
const RECRUITABLE = 'SFM_WORKER-LSSTCam-000-011'
const BUSY_ELSEWHERE = 'SFM_WORKER-LSSTCam-000-012'

async function cluster(client: Parameters<typeof worker>[0]) {
  for (const id of [LONG, SHORT, BACKLOG, BACKLOG_2, RECRUITABLE, BUSY_ELSEWHERE]) await worker(client, id)
  await client.sadd(keys.key('ignoredDetectors', { instrument: 'LSSTCam' }), '11')
  // Enqueued oldest first: p1 ends at the right end (the oldest), p4 on top.
  await enqueue(client, LONG, ...[1, 2, 3, 4].map((n) => processPayload(`p${n}`, 10)))
  // The restart is the oldest here: it must stay with its worker; the payload above it may move.
  await enqueue(client, SHORT, restart(SHORT), processPayload('s1', 20))
}

describe('rebalancing', () => {
  it('moves the oldest payloads of long SFM queues to free backlog and recruitable workers', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await cluster(client)
    await using manager = await startService(clusterManagerService(), {
      RA_REDIS_URL: server.url,
      RA_LOG_LEVEL: 'silent',
      RA_INSTRUMENT: 'LSSTCam',
      RA_LOOP_MS: '50',
    })
    await expect.poll(async () => ids(await queueOf(client, LONG))).toEqual(['p4', 'p3'])
    // Three spare workers, three moves, one per queue per round, longest queue first: LONG's two
    // oldest, and SHORT's payload above its restart. Only the recruited SFM worker marks GUEST.
    expect(ids(await queueOf(client, BACKLOG))).toEqual(['p1'])
    expect(ids(await queueOf(client, BACKLOG_2))).toEqual(['s1'])
    const recruited = await queueOf(client, RECRUITABLE)
    expect(ids(recruited)).toEqual(['p2'])
    expect(recruited[0]?.specialMessage).toBe('GUEST')
    expect((await queueOf(client, BACKLOG))[0]?.specialMessage).toBe('')
    expect((await queueOf(client, SHORT)).map((p) => p.kind)).toEqual(['restart'])
    expect(await client.llen(keys.key('workerQueue', { workerId: BUSY_ELSEWHERE }))).toBe(0)
    // The spare workers now have work of their own: nothing else moves.
    await new Promise((r) => setTimeout(r, 300))
    expect(ids(await queueOf(client, LONG))).toEqual(['p4', 'p3'])
    const status = statusOf<{ rebalancedTotal: number; recentRebalances: { to: string }[] }>(manager)
    expect(status.rebalancedTotal).toBe(3)
    expect(status.recentRebalances.map((r) => r.to)).toEqual([BACKLOG, BACKLOG_2, RECRUITABLE])
  })

  it('moves nothing while the worker mode is WAITING', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await cluster(client)
    await client.hset(keys.key('controlState', { instrument: 'LSSTCam' }), 'WORKER_MODE', 'WAITING')
    await using manager = await startService(clusterManagerService(), {
      RA_REDIS_URL: server.url,
      RA_LOG_LEVEL: 'silent',
      RA_INSTRUMENT: 'LSSTCam',
      RA_LOOP_MS: '50',
    })
    await expect.poll(() => statusOf<{ passes: number }>(manager).passes).toBeGreaterThan(3)
    expect(ids(await queueOf(client, LONG))).toEqual(['p4', 'p3', 'p2', 'p1'])
    expect(await client.llen(keys.key('workerQueue', { workerId: BACKLOG }))).toBe(0)
  })
})
