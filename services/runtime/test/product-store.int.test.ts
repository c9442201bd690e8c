// ProductStore against a real Redis and the real S3 server: the object lands, the
// notification follows, and an S3 outage loses nothing (spool, drain, newest wins).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { buildS3Key } from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { describe, expect, it } from 'vitest'
import {
  connectRedis,
  createLogger,
  createS3Client,
  entriesOf,
  ProductKeyError,
  ProductStore,
  type RedisHandle,
} from '../src/index.ts'
import { startRedisServer, startS3Server, type TestS3Server } from '../src/testing/index.ts'

const logger = createLogger('product-store-test', 'silent')

async function tempDir(): Promise<AsyncDisposable & { path: string }> {
  const path = await mkdtemp(join(tmpdir(), 'ra-spool-'))
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) }
}

function storeFor(s3: TestS3Server, redis: RedisHandle, spoolDir: string) {
  return new ProductStore({
    s3: createS3Client({ endpoint: s3.endpoint, maxAttempts: 1 }),
    bucket: 'rubintv',
    redis,
    producer: 'worker',
    logger,
    spoolDir,
    retryMs: { first: 50, max: 200 },
  })
}

async function notifications(redis: RedisHandle) {
  const reply = await redis.client.xrange(redis.keys.key('objectWritten'), '-', '+')
  return entriesOf([[redis.keys.key('objectWritten'), reply]], redis.keys.key('objectWritten')).map((e) => {
    const parsed = parseMessage('ObjectWritten', e.data ?? '')
    if (!parsed.ok) throw new Error(`invalid ObjectWritten on the stream: ${e.data}`)
    return parsed.value
  })
}

async function bodyOf(s3: TestS3Server, key: string): Promise<string> {
  const got = await createS3Client({ endpoint: s3.endpoint }).send(
    new GetObjectCommand({ Bucket: 'rubintv', Key: key }),
  )
  return (await got.Body?.transformToString()) ?? ''
}

const until = async (condition: () => boolean | Promise<boolean>, what: string) => {
  const deadline = Date.now() + 10_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

const keyOf = (spec: Parameters<typeof buildS3Key>[0]): string => {
  const built = buildS3Key(spec)
  if (!built.ok) throw new Error(JSON.stringify(built.issues))
  return built.value
}
const mosaicKey = (seq: number) =>
  keyOf({ kind: 'event', camera: 'lsstcam', channel: 'focal_plane_mosaic', dayObs: 20251115, seq, ext: 'jpg' })

describe('ProductStore', () => {
  it('uploads the object, then announces it on the objectWritten stream with its ETag', async () => {
    await using server = await startRedisServer()
    await using s3 = await startS3Server({ buckets: ['rubintv'] })
    await using spool = await tempDir()
    const redis = connectRedis({ url: server.url, name: 'test' })
    try {
      const store = storeFor(s3, redis, spool.path)
      await store.start()
      const key = mosaicKey(226)
      const result = await store.put({ key, body: 'jpeg bytes', contentType: 'image/jpeg' })
      expect(result.uploaded).toBe(true)
      expect(await bodyOf(s3, key)).toBe('jpeg bytes')
      const [note, ...rest] = await notifications(redis)
      expect(rest).toEqual([])
      expect(note).toMatchObject({
        kind: 'event',
        key,
        bucket: 'rubintv',
        camera: 'lsstcam',
        channel: 'focal_plane_mosaic',
        dayObs: 20251115,
        seq: 226,
        size: 10,
        etag: result.etag,
        producer: 'worker',
      })
      // Scratch images are not RubinTV products: stored, not announced.
      const scratch = keyOf({
        kind: 'scratchBinnedImage',
        scratchPrefix: 'rapidAnalysisScratch',
        dayObs: 20251115,
        seq: 226,
        instrument: 'LSSTCam',
        dataProduct: 'post_isr_image',
        detectorName: 'R22_S11',
        binSize: 8,
      })
      expect((await store.put({ key: scratch, body: 'fits', contentType: 'application/fits' })).uploaded).toBe(true)
      expect(await notifications(redis)).toHaveLength(1)
      await store.stop()
    } finally {
      await redis.close()
    }
  })

  it('refuses a key the contract cannot parse, naming the fix', async () => {
    await using server = await startRedisServer()
    await using s3 = await startS3Server({ buckets: ['rubintv'] })
    await using spool = await tempDir()
    const redis = connectRedis({ url: server.url, name: 'test' })
    try {
      const store = storeFor(s3, redis, spool.path)
      const put = store.put({ key: 'lsstcam/2025-11-15/mosaic.jpg', body: 'x', contentType: 'image/jpeg' })
      await expect(put).rejects.toBeInstanceOf(ProductKeyError)
      await expect(put).rejects.toThrow(/buildS3Key/)
    } finally {
      await redis.close()
    }
  })

  it('spools through an S3 outage and uploads the newest version of each key when S3 returns', async () => {
    await using server = await startRedisServer()
    await using s3 = await startS3Server({ buckets: ['rubintv'] })
    await using spool = await tempDir()
    const redis = connectRedis({ url: server.url, name: 'test' })
    try {
      const store = storeFor(s3, redis, spool.path)
      await store.start()
      await s3.stop()
      expect((await store.put({ key: mosaicKey(1), body: 'old', contentType: 'image/jpeg' })).uploaded).toBe(false)
      expect((await store.put({ key: mosaicKey(1), body: 'new', contentType: 'image/jpeg' })).uploaded).toBe(false)
      expect((await store.put({ key: mosaicKey(2), body: 'two', contentType: 'image/jpeg' })).uploaded).toBe(false)
      expect(store.spooled).toBe(2)
      expect(await notifications(redis)).toEqual([])
      await new Promise((r) => setTimeout(r, 300)) // a few failed drains while S3 is down
      await s3.start()
      await until(() => store.spooled === 0, 'the spool to drain')
      expect(await bodyOf(s3, mosaicKey(1))).toBe('new')
      expect(await bodyOf(s3, mosaicKey(2))).toBe('two')
      expect((await notifications(redis)).map((n) => n.seq).sort()).toEqual([1, 2])
      await store.stop()
    } finally {
      await redis.close()
    }
  })

  it('uploads, after a restart, what an earlier run spooled', async () => {
    await using server = await startRedisServer()
    await using s3 = await startS3Server({ buckets: ['rubintv'] })
    await using spool = await tempDir()
    const redis = connectRedis({ url: server.url, name: 'test' })
    try {
      const first = storeFor(s3, redis, spool.path)
      await first.start()
      await s3.stop()
      await first.put({ key: mosaicKey(7), body: 'seven', contentType: 'image/jpeg' })
      await first.stop()
      await s3.start()
      const second = storeFor(s3, redis, spool.path)
      await second.start()
      expect(second.spooled).toBe(1)
      await until(() => second.spooled === 0, 'the restarted store to drain')
      expect(await bodyOf(s3, mosaicKey(7))).toBe('seven')
      await second.stop()
    } finally {
      await redis.close()
    }
  })
})
