// Dead-worker recovery against a private real Redis: claimed payloads move to a live worker within
// (heartbeat TTL + one pass), atomically (a concurrent poller never sees one in neither list), and a
// worker that heartbeats again keeps its claimed list.
import { startService } from '@rubin/ra-runtime'
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { clusterManagerService, REQUEUE_LUA } from '../src/index.ts'
import {
  claim,
  claimedKey,
  enqueue,
  ids,
  keys,
  processPayload,
  queueKey,
  queueOf,
  restart,
  worker,
} from './fake-cluster.ts'

const DEAD = 'SFM_WORKER-LSSTCam-000-094'
const TWIN = 'SFM_WORKER-LSSTCam-001-094'
const TTL_MS = 1000
const LOOP_MS = 100

/** Watches every list a payload may be in, atomically, as fast as it can; counts moments a payload is in none. */
function watchLists(url: string, lists: string[], payloadIds: string[]) {
  const client = new Redis(url)
  let running = true
  let looks = 0
  const missing: string[] = []
  const done = (async () => {
    while (running) {
      const multi = client.multi()
      for (const list of lists) multi.lrange(list, 0, -1)
      const replies = (await multi.exec()) ?? []
      const present = new Set(
        replies.flatMap(([, texts]) =>
          (texts as string[]).map((t) => (JSON.parse(t) as { payloadId: string }).payloadId),
        ),
      )
      for (const id of payloadIds) if (!present.has(id)) missing.push(id)
      looks++
    }
  })()
  return {
    async stop() {
      running = false
      await done
      client.disconnect()
      return { looks, missing }
    },
  }
}

describe('dead-worker recovery', () => {
  it('moves a dead worker’s claimed payloads to a live worker for the same detector, never losing one', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await worker(client, TWIN)
    await worker(client, 'BACKLOG_WORKER-LSSTCam-000')
    await worker(client, DEAD, TTL_MS)
    await claim(client, DEAD, processPayload('first', 94), processPayload('second', 94))
    await enqueue(client, DEAD, processPayload('queued', 94))
    const diedAt = Date.now() + TTL_MS
    const watcher = watchLists(server.url, [claimedKey(DEAD), queueKey(TWIN), queueKey(DEAD)], ['first', 'second'])
    await using manager = await startService(clusterManagerService(), {
      RA_REDIS_URL: server.url,
      RA_LOG_LEVEL: 'silent',
      RA_INSTRUMENT: 'LSSTCam',
      RA_LOOP_MS: String(LOOP_MS),
    })

    await expect.poll(() => client.llen(claimedKey(DEAD)), { timeout: TTL_MS + 3000, interval: 10 }).toBe(0)
    const movedAfterMs = Date.now() - diedAt
    const { looks, missing } = await watcher.stop()
    // Redis expires the key at its TTL; the next pass (at most one loop later) moves the payloads.
    // The slack is for the pass itself and a loaded test machine, not for a second loop.
    expect(movedAfterMs).toBeLessThanOrEqual(LOOP_MS + 300)
    expect(looks).toBeGreaterThan(20)
    expect(missing).toEqual([])

    // The earliest claimed is on top (taken next); each counts one more attempt; the queue stays for its owner.
    const twin = await queueOf(client, TWIN)
    expect(ids(twin)).toEqual(['first', 'second'])
    expect(twin.map((p) => [p.attempt, p.specialMessage])).toEqual([
      [2, ''],
      [2, ''],
    ])
    expect(ids(await queueOf(client, DEAD))).toEqual(['queued'])
    expect(await client.llen(queueKey('BACKLOG_WORKER-LSSTCam-000'))).toBe(0)

    const status = (await (await fetch(`${manager.http?.url}/status`)).json()) as {
      requeuedTotal: number
      recentRequeues: { from: string; to: string; target: string; silentForMs: number }[]
      dead: string[]
      workers: { id: string; status: string; queue: number; claimed: number }[]
    }
    expect(status.requeuedTotal).toBe(2)
    expect(status.recentRequeues.map((r) => [r.from, r.to, r.target])).toEqual([
      [DEAD, TWIN, 'same-detector'],
      [DEAD, TWIN, 'same-detector'],
    ])
    expect(status.recentRequeues[0]?.silentForMs).toBeGreaterThanOrEqual(TTL_MS)
    expect(status.dead).toEqual([DEAD])
    expect(status.workers.find((w) => w.id === DEAD)).toMatchObject({ status: 'missing', queue: 1, claimed: 0 })
    const metrics = await (await fetch(`${manager.http?.url}/metrics`)).text()
    expect(metrics).toMatch(/ra_cluster_requeued_total\{[^}]*target="same-detector"[^}]*\} 2/)
  })

  it('falls back to a free backlog worker, then to the dead worker’s own queue; drops its restart payload', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await worker(client, 'BACKLOG_WORKER-LSSTCam-000')
    await worker(client, 'SFM_WORKER-LSSTCam-000-010', 0)
    await worker(client, 'SFM_WORKER-LSSTCam-000-011', 0)
    await claim(
      client,
      'SFM_WORKER-LSSTCam-000-010',
      processPayload('to-backlog', 10),
      restart('SFM_WORKER-LSSTCam-000-010'),
    )
    await claim(client, 'SFM_WORKER-LSSTCam-000-011', processPayload('stays-home', 11))
    await using _manager = await startService(clusterManagerService(), {
      RA_REDIS_URL: server.url,
      RA_LOG_LEVEL: 'silent',
      RA_INSTRUMENT: 'LSSTCam',
      RA_LOOP_MS: '50',
    })
    await expect.poll(() => client.llen(claimedKey('SFM_WORKER-LSSTCam-000-011'))).toBe(0)
    await expect.poll(() => client.llen(claimedKey('SFM_WORKER-LSSTCam-000-010'))).toBe(0)
    // One free backlog worker, taken by the first dead worker's payload (workers are visited by id);
    // the other payload waits on its own worker's queue; the restart is not re-queued.
    expect(ids(await queueOf(client, 'BACKLOG_WORKER-LSSTCam-000'))).toEqual(['to-backlog'])
    expect(ids(await queueOf(client, 'SFM_WORKER-LSSTCam-000-011'))).toEqual(['stays-home'])
    expect(await client.llen(queueKey('SFM_WORKER-LSSTCam-000-010'))).toBe(0)
  })

  it('leaves the claimed list to a worker that heartbeats again before the move (checked inside the script)', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await claim(client, DEAD, processPayload('mine', 94))
    const text = (await client.lrange(claimedKey(DEAD), 0, -1))[0] ?? ''
    const args = [
      keys.key('workerHeartbeat', { workerId: DEAD }),
      claimedKey(DEAD),
      queueKey(TWIN),
      keys.key('workerHeartbeat', { workerId: TWIN }),
      queueKey(DEAD),
    ]
    await worker(client, TWIN)
    // The manager decided from a snapshot in which DEAD had no heartbeat; DEAD came back since.
    await worker(client, DEAD)
    expect(await client.eval(REQUEUE_LUA, 5, ...args, text, 'move', '', '', '1')).toBe('alive')
    expect(await client.lrange(claimedKey(DEAD), 0, -1)).toEqual([text])
    expect(await client.llen(queueKey(TWIN))).toBe(0)

    // And when it is really gone the same call moves it, to its own queue if the target died meanwhile.
    await client.del(keys.key('workerHeartbeat', { workerId: DEAD }), keys.key('workerHeartbeat', { workerId: TWIN }))
    expect(await client.eval(REQUEUE_LUA, 5, ...args, text, 'move', '', '', '1')).toBe('own')
    expect((await queueOf(client, DEAD)).map((p) => [p.payloadId, p.attempt])).toEqual([['mine', 2]])
    expect(await client.eval(REQUEUE_LUA, 5, ...args, text, 'move', '', '', '1')).toBe('gone')
  })

  it('keeps the claimed list of a worker whose heartbeat never lapses', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await worker(client, TWIN)
    await worker(client, DEAD, 300)
    await claim(client, DEAD, processPayload('busy-with', 94))
    const beat = setInterval(() => void worker(client, DEAD, 300), 50)
    try {
      await using _manager = await startService(clusterManagerService(), {
        RA_REDIS_URL: server.url,
        RA_LOG_LEVEL: 'silent',
        RA_INSTRUMENT: 'LSSTCam',
        RA_LOOP_MS: '50',
      })
      await new Promise((r) => setTimeout(r, 800))
      expect(ids((await client.lrange(claimedKey(DEAD), 0, -1)).map((t) => JSON.parse(t)))).toEqual(['busy-with'])
      expect(await client.llen(queueKey(TWIN))).toBe(0)
    } finally {
      clearInterval(beat)
    }
  })
})
