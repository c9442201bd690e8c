// Reset controls against a private real Redis: GETDEL on a keyspace notification (or the poll),
// restart payloads on top of the set's queues, both read-backs; RESET_OTHER_QUEUES refused.
import { controlKey, readbackKey } from '@rubin/ra-contract'
import { startService } from '@rubin/ra-runtime'
import { startRedisServer } from '@rubin/ra-runtime/testing'
import type { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { clusterManagerService } from '../src/index.ts'
import { enqueue, keys, processPayload, queueOf, worker } from './fake-cluster.ts'

const SET_0 = ['SFM_WORKER-LSSTCam-000-094', 'SFM_WORKER-LSSTCam-000-095']
const DEAD_IN_SET_0 = 'SFM_WORKER-LSSTCam-000-096'
const SET_1 = 'SFM_WORKER-LSSTCam-001-094'

async function cluster(client: Redis) {
  for (const id of [...SET_0, SET_1]) {
    await worker(client, id)
    await enqueue(client, id, processPayload(`old-${id}`, 94))
  }
  await worker(client, DEAD_IN_SET_0, 0)
}

async function readbacks(client: Redis) {
  return (await client.xrange(keys.key('controlReadbacks'), '-', '+')).map(
    ([, fields]) => JSON.parse(fields[1] ?? '{}') as Record<string, unknown>,
  )
}

/** Starts a manager and waits until it is ready (first pass done, keyspace subscription in place). */
async function start(url: string, pollMs: string) {
  const service = await startService(clusterManagerService(), {
    RA_REDIS_URL: url,
    RA_LOG_LEVEL: 'silent',
    RA_INSTRUMENT: 'LSSTCam',
    RA_LOOP_MS: '50',
    RA_CONTROL_POLL_MS: pollMs,
  })
  await expect.poll(async () => (await fetch(`${service.http?.url}/readyz`)).status).toBe(200)
  return service
}

describe('reset controls', () => {
  it('push a restart payload on top of each live queue of the set, woken by the keyspace notification', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await cluster(client)
    // A poll this slow cannot be what answers within the test: the notification must.
    await using _manager = await start(server.url, '60000')
    await client.set(controlKey('RESET_SFM_SET_0'), 'reset')
    await expect.poll(() => client.get(readbackKey('RESET_SFM_SET_0')), { timeout: 3000 }).toBe('RESET')
    expect(await client.exists(controlKey('RESET_SFM_SET_0'))).toBe(0)
    for (const id of SET_0) {
      const queue = await queueOf(client, id)
      expect(queue.map((p) => [p.kind, p.payloadId === `old-${id}` ? 'old' : p.target])).toEqual([
        ['restart', id],
        ['process', 'old'],
      ])
      expect(String(queue[0]?.reason)).toContain('RUBINTV_CONTROL_RESET_SFM_SET_0')
    }
    // Another set's worker, and a dead worker of this set, get nothing.
    expect((await queueOf(client, SET_1)).map((p) => p.kind)).toEqual(['process'])
    expect(await client.llen(keys.key('workerQueue', { workerId: DEAD_IN_SET_0 }))).toBe(0)
    expect(await readbacks(client)).toEqual([
      { control: 'RESET_SFM_SET_0', requested: 'reset', outcome: 'applied', value: 'RESET', at: expect.any(String) },
    ])
  })

  it('refuse RESET_OTHER_QUEUES and a value that asks for no reset, with both read-backs, found by the poll', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await cluster(client)
    // Without keyspace notifications only the polling safety net can see the commands.
    await client.config('SET', 'notify-keyspace-events', '')
    await using _manager = await start(server.url, '100')
    await client.set(controlKey('RESET_OTHER_QUEUES'), '1')
    await client.set(controlKey('RESET_SFM_SET_1'), '0')
    await expect.poll(() => client.get(readbackKey('RESET_OTHER_QUEUES'))).toBe('REJECTED_NOT_A_WORKER_SET!')
    await expect.poll(() => client.get(readbackKey('RESET_SFM_SET_1'))).toBe('REJECTED_INVALID_VALUE!')
    expect(await client.exists(controlKey('RESET_OTHER_QUEUES'), controlKey('RESET_SFM_SET_1'))).toBe(0)
    const entries = await readbacks(client)
    expect(entries.map((e) => [e.control, e.outcome, e.code, e.requested])).toEqual([
      ['RESET_SFM_SET_1', 'rejected', 'INVALID_VALUE', '0'],
      ['RESET_OTHER_QUEUES', 'rejected', 'NOT_A_WORKER_SET', '1'],
    ])
    expect(String(entries[1]?.reason)).toContain('not a worker set')
    expect((await queueOf(client, SET_1)).map((p) => p.kind)).toEqual(['process'])
  })
})
