// Cluster-status streams against a private real Redis: today's bytes, written on change (and periodically).
import { createRedisKeys } from '@rubin/ra-contract'
import { startService } from '@rubin/ra-runtime'
import { startRedisServer } from '@rubin/ra-runtime/testing'
import type { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { clusterManagerService } from '../src/index.ts'
import { claimedKey, processPayload, queueKey, worker } from './fake-cluster.ts'

const keys = createRedisKeys()
const stream = (set: 'SFM_SET_0' | 'OTHER_QUEUES' | 'SPAREWORKERS_SET_0') => keys.key('clusterStatus', { set })

async function latest(client: Redis, key: string): Promise<string | undefined> {
  const [entry] = await client.xrevrange(key, '+', '-', 'COUNT', 1)
  const fields = entry?.[1] ?? []
  return fields[0] === 'data' ? fields[1] : undefined
}

describe('cluster-status streams', () => {
  it('carry today’s RubinTV format byte for byte, and are written only when a set changes', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await worker(client, 'SFM_WORKER-LSSTCam-000-094')
    await worker(client, 'MOSAIC_WORKER-LSSTCam-000')
    await using _manager = await startService(clusterManagerService(), {
      RA_REDIS_URL: server.url,
      RA_LOG_LEVEL: 'silent',
      RA_INSTRUMENT: 'LSSTCam',
      RA_LOOP_MS: '50',
      RA_STATUS_REFRESH_S: '3600',
    })
    await expect
      .poll(() => latest(client, stream('SFM_SET_0')))
      .toBe('{"94": {"status": "free", "type": "worker_status"}}')
    // Many passes later, nothing changed: still one entry.
    await new Promise((r) => setTimeout(r, 600))
    expect(await client.xlen(stream('SFM_SET_0'))).toBe(1)
    expect(await latest(client, stream('OTHER_QUEUES'))).toBe('{}')

    // In one MULTI, so no pass sees half of it: busy with two queued behind it; a registered worker
    // without heartbeat (missing); two payloads for a mosaic worker.
    const json = (p: object) => JSON.stringify(p)
    await client
      .multi()
      .rpush(claimedKey('SFM_WORKER-LSSTCam-000-094'), json(processPayload('p0', 94)))
      .lpush(queueKey('SFM_WORKER-LSSTCam-000-094'), json(processPayload('p1', 94)), json(processPayload('p2', 94)))
      .zadd(keys.key('workers', { instrument: 'LSSTCam' }), Date.now(), 'SFM_WORKER-LSSTCam-000-095')
      .lpush(queueKey('MOSAIC_WORKER-LSSTCam-000'), json(processPayload('m1', 0)), json(processPayload('m2', 0)))
      .exec()
    await expect
      .poll(() => latest(client, stream('SFM_SET_0')))
      .toBe('{"94": {"status": "2", "type": "worker_status"}, "95": {"status": "missing", "type": "worker_status"}}')
    await expect
      .poll(() => latest(client, stream('OTHER_QUEUES')))
      .toBe('{"MOSAIC_WORKER": {"status": "2", "type": "text_status"}}')
    await new Promise((r) => setTimeout(r, 300))
    // The first state and the changed one: exactly two entries written (MAXLEN ~ trims only whole nodes).
    expect(await client.xlen(stream('SFM_SET_0'))).toBe(2)
    expect(await client.xlen(stream('SPAREWORKERS_SET_0'))).toBe(1)
  })

  it('rewrites every set once the refresh period has passed, even unchanged', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await worker(client, 'SFM_WORKER-LSSTCam-000-094')
    await using _manager = await startService(clusterManagerService(), {
      RA_REDIS_URL: server.url,
      RA_LOG_LEVEL: 'silent',
      RA_INSTRUMENT: 'LSSTCam',
      RA_LOOP_MS: '50',
      RA_STATUS_REFRESH_S: '1',
    })
    await expect.poll(() => client.xlen(stream('SFM_SET_0'))).toBe(1)
    await expect.poll(() => client.xlen(stream('SFM_SET_0')), { timeout: 3000 }).toBe(2)
    const entries = await client.xrange(stream('SFM_SET_0'), '-', '+')
    expect(entries.map(([, fields]) => fields[1])).toEqual([
      '{"94": {"status": "free", "type": "worker_status"}}',
      '{"94": {"status": "free", "type": "worker_status"}}',
    ])
  })

  it('counts a worker whose heartbeat does not parse as alive, and dead-letters the bad value once', async () => {
    await using server = await startRedisServer()
    const { client } = server
    await worker(client, 'SFM_WORKER-LSSTCam-000-094', 60_000, '{garbage')
    await client.zadd(keys.key('workers', { instrument: 'LSSTCam' }), Date.now(), 'NOT_A_WORKER')
    await using _manager = await startService(clusterManagerService(), {
      RA_REDIS_URL: server.url,
      RA_LOG_LEVEL: 'silent',
      RA_INSTRUMENT: 'LSSTCam',
      RA_LOOP_MS: '50',
    })
    await expect
      .poll(() => latest(client, stream('SFM_SET_0')))
      .toBe('{"94": {"status": "free", "type": "worker_status"}}')
    await new Promise((r) => setTimeout(r, 300))
    const letters = (await client.xrange(keys.key('deadLetters'), '-', '+')).map(
      ([, f]) => JSON.parse(f[1] ?? '{}') as { code: string; input: string },
    )
    expect(letters.map((l) => [l.code, l.input]).sort()).toEqual([
      ['RA_HEARTBEAT_INVALID', '{garbage'],
      ['RA_WORKER_ID_INVALID', 'NOT_A_WORKER'],
    ])
  })
})
