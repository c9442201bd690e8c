// The guarded atomic batch against a real Redis: a re-sent batch is a no-op, so commits are exactly once.
import { connectRedis } from '@rubin/ra-runtime'
import { startRedisServer } from '@rubin/ra-runtime/testing'
import { describe, expect, it } from 'vitest'
import { AtomicBatch } from '../src/redis/atomic.ts'

describe('atomic batch', () => {
  it('applies once: the same fan-out sent twice (a re-send after a lost reply) pushes nothing the second time', async () => {
    await using server = await startRedisServer()
    const redis = connectRedis({ url: server.url, name: 'test' })
    try {
      await server.client.rpush('claimed', 'record')
      const batch = () =>
        new AtomicBatch()
          .guardListRemove('claimed', 'record')
          .sadd('expected', [1, 2, 3], 100)
          .enqueue('queue', 'payload')
          .hset('state', { dispatchCount: '1' })
      expect(await batch().run(redis.client)).toBe('applied')
      await server.restart() // empties the script cache: the next run must reload the script
      expect(await batch().run(redis.client)).toBe('already-done')
      expect(await server.client.lrange('queue', 0, -1)).toEqual(['payload'])
      expect(await server.client.smembers('expected')).toEqual(['1', '2', '3'])
      expect(await server.client.ttl('expected')).toBeGreaterThan(90)
      expect(await server.client.llen('claimed')).toBe(0)
    } finally {
      await redis.close()
    }
  })

  it('consumes the guard but writes nothing when a skip key exists', async () => {
    await using server = await startRedisServer()
    const redis = connectRedis({ url: server.url, name: 'test' })
    try {
      await server.client.rpush('claimed', 'dup')
      await server.client.sadd('expected', '9')
      const outcome = await new AtomicBatch()
        .guardListRemove('claimed', 'dup')
        .skipIfExists('expected')
        .sadd('expected', [1])
        .enqueue('queue', 'payload')
        .run(redis.client)
      expect(outcome).toBe('skipped')
      expect(await server.client.llen('claimed')).toBe(0)
      expect(await server.client.exists('queue')).toBe(0)
      expect(await server.client.smembers('expected')).toEqual(['9'])
    } finally {
      await redis.close()
    }
  })

  it('acknowledges a stream entry and queues its payload once', async () => {
    await using server = await startRedisServer()
    const redis = connectRedis({ url: server.url, name: 'test' })
    try {
      await server.client.xgroup('CREATE', 's', 'g', '0', 'MKSTREAM')
      const id = (await server.client.xadd('s', '*', 'data', '{}')) ?? ''
      await server.client.xreadgroup('GROUP', 'g', 'c', 'STREAMS', 's', '>')
      const batch = () => new AtomicBatch().guardAck('s', 'g', id).enqueue('queue', 'step1b')
      expect(await batch().run(redis.client)).toBe('applied')
      expect(await batch().run(redis.client)).toBe('already-done')
      expect(await server.client.lrange('queue', 0, -1)).toEqual(['step1b'])
    } finally {
      await redis.close()
    }
  })
})
