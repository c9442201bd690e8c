import { Type } from '@sinclair/typebox'
import { describe, expect, it } from 'vitest'
import { connectRedis, defineScript, entriesOf, startService } from '../src/index.ts'
import { startRedisServer } from '../src/testing/index.ts'

describe('Redis connections', () => {
  it('carry on across a Redis restart: a command sent while Redis is down completes after it is back', async () => {
    await using server = await startRedisServer()
    const redis = connectRedis({ url: server.url, name: 'test' })
    try {
      await redis.client.set('before', '1')
      const restarting = server.restart({ downMs: 300 })
      await new Promise((r) => setTimeout(r, 100))
      const during = redis.client.incr('during') // sent while the server is down
      await restarting
      expect(await during).toBe(1)
      expect(await redis.client.get('before')).toBe('1') // append-only data survived
    } finally {
      await redis.close()
    }
  })

  it('reload Lua scripts after a restart empties the script cache', async () => {
    await using server = await startRedisServer()
    const redis = connectRedis({ url: server.url, name: 'test' })
    const add = defineScript('add', "return redis.call('INCRBY', KEYS[1], ARGV[1])")
    try {
      expect(await add.run(redis.client, ['n'], [2])).toBe(2)
      await server.restart()
      expect(await add.run(redis.client, ['n'], [3])).toBe(5)
    } finally {
      await redis.close()
    }
  })

  it('apply the deployment prefix to contract keys', async () => {
    await using server = await startRedisServer()
    const redis = connectRedis({ url: server.url, name: 'test', prefix: 't1:' })
    try {
      expect(redis.keys.key('deadLetters')).toBe('t1:ra:dead-letters')
    } finally {
      await redis.close()
    }
  })
})

describe('startService', () => {
  const spec = {
    name: 'watcher' as const,
    config: Type.Object({ RA_GREETING: Type.String({ default: 'hello' }) }),
    async start() {
      return { status: () => ({ greeting: 'hello' }), notReady: () => [], stop: async () => {} }
    },
  }

  it('serves health, readiness, metrics and status, and stops cleanly', async () => {
    await using server = await startRedisServer()
    await using service = await startService(spec, { RA_REDIS_URL: server.url, RA_LOG_LEVEL: 'silent' })
    const get = async (path: string) => {
      const response = await fetch(`${service.http?.url}${path}`)
      return { status: response.status, text: await response.text() }
    }
    expect(await get('/healthz')).toEqual({ status: 200, text: 'ok\n' })
    await expect.poll(async () => (await get('/readyz')).status).toBe(200)
    expect((await get('/metrics')).text).toContain('ra_process_cpu_user_seconds_total')
    expect(JSON.parse((await get('/status')).text)).toEqual({ greeting: 'hello' })
    expect((await get('/nope')).status).toBe(404)
  })

  it('writes dead letters that match the contract, and counts them', async () => {
    await using server = await startRedisServer()
    await using service = await startService(spec, { RA_REDIS_URL: server.url, RA_LOG_LEVEL: 'silent' })
    await service.context.deadLetters({
      source: 'ra:LSSTCam:incoming',
      code: 'RA_RECORD_INVALID',
      reason: 'not JSON',
      input: '{oops',
    })
    const reply = await server.client.xread('STREAMS', 'ra:dead-letters', '0')
    const [entry] = entriesOf(reply as never, 'ra:dead-letters')
    expect(JSON.parse(entry?.data ?? '{}')).toMatchObject({
      service: 'watcher',
      code: 'RA_RECORD_INVALID',
      input: '{oops',
      attempts: 1,
    })
    const metrics = await (await fetch(`${service.http?.url}/metrics`)).text()
    expect(metrics).toMatch(/ra_dead_letters_total\{code="RA_RECORD_INVALID",service="watcher"\} 1/)
  })

  it('refuses to start with bad configuration, naming the variable', async () => {
    await expect(startService(spec, { RA_HTTP_PORT: 'x' })).rejects.toThrow(/RA_HTTP_PORT: .*got 'x'/)
  })
})
