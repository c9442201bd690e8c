// The server against the real AWS SDK v3 client, as services use it.

import { createHash } from 'node:crypto'
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { startS3Server } from './testing.ts'

const clientFor = (endpoint: string) =>
  new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'ra', secretAccessKey: 'ra' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  })

const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise
    return 'no error'
  } catch (error) {
    return error instanceof S3ServiceException ? `${error.$metadata.httpStatusCode} ${error.name}` : String(error)
  }
}

describe('S3 server through the AWS SDK', () => {
  it('creates buckets and puts, gets, heads, copies and deletes objects with MD5 ETags and metadata', async () => {
    await using s3 = await startS3Server()
    const client = clientFor(s3.endpoint)
    await client.send(new CreateBucketCommand({ Bucket: 'rubintv' }))
    expect(await codeOf(client.send(new CreateBucketCommand({ Bucket: 'rubintv' })))).toBe(
      '409 BucketAlreadyOwnedByYou',
    )
    await client.send(new HeadBucketCommand({ Bucket: 'rubintv' }))
    const buckets = await client.send(new ListBucketsCommand({}))
    expect(buckets.Buckets?.map((b) => b.Name)).toEqual(['rubintv'])

    const key = 'lsstcam/2025-11-15/focal_plane_mosaic/000226/lsstcam focal+plane&mosaic.jpg'
    const put = await client.send(
      new PutObjectCommand({
        Bucket: 'rubintv',
        Key: key,
        Body: 'hello mosaic',
        ContentType: 'image/jpeg',
        Metadata: { producer: 'worker' },
      }),
    )
    expect(put.ETag).toBe(`"${createHash('md5').update('hello mosaic').digest('hex')}"`)
    const got = await client.send(new GetObjectCommand({ Bucket: 'rubintv', Key: key }))
    expect(await got.Body?.transformToString()).toBe('hello mosaic')
    expect(got.ContentType).toBe('image/jpeg')
    expect(got.Metadata).toEqual({ producer: 'worker' })
    expect(got.ETag).toBe(put.ETag)
    const head = await client.send(new HeadObjectCommand({ Bucket: 'rubintv', Key: key }))
    expect(head.ContentLength).toBe(12)

    await client.send(
      new CopyObjectCommand({ Bucket: 'rubintv', Key: 'copy.jpg', CopySource: `rubintv/${encodeURIComponent(key)}` }),
    )
    const copy = await client.send(new GetObjectCommand({ Bucket: 'rubintv', Key: 'copy.jpg' }))
    expect(await copy.Body?.transformToString()).toBe('hello mosaic')

    await client.send(new DeleteObjectCommand({ Bucket: 'rubintv', Key: key }))
    expect(await codeOf(client.send(new GetObjectCommand({ Bucket: 'rubintv', Key: key })))).toBe('404 NoSuchKey')
    await client.send(new DeleteObjectsCommand({ Bucket: 'rubintv', Delete: { Objects: [{ Key: 'copy.jpg' }] } }))
    const left = await client.send(new ListObjectsV2Command({ Bucket: 'rubintv' }))
    expect(left.KeyCount).toBe(0)
    expect(await codeOf(client.send(new GetObjectCommand({ Bucket: 'nope', Key: 'x' })))).toBe('404 NoSuchBucket')
  })

  it('answers ranges and conditional requests as S3 does (video seeking, ETag-aware polling)', async () => {
    await using s3 = await startS3Server({ buckets: ['rubintv'] })
    const client = clientFor(s3.endpoint)
    const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256))
    const put = await client.send(new PutObjectCommand({ Bucket: 'rubintv', Key: 'movie.mp4', Body: body }))
    const part = await client.send(
      new GetObjectCommand({ Bucket: 'rubintv', Key: 'movie.mp4', Range: 'bytes=100-199' }),
    )
    expect(part.ContentRange).toBe('bytes 100-199/1000')
    expect(Buffer.from(await (part.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())))).toEqual(
      body.subarray(100, 200),
    )
    const tail = await client.send(new GetObjectCommand({ Bucket: 'rubintv', Key: 'movie.mp4', Range: 'bytes=-10' }))
    expect(tail.ContentRange).toBe('bytes 990-999/1000')
    expect(
      await codeOf(client.send(new GetObjectCommand({ Bucket: 'rubintv', Key: 'movie.mp4', Range: 'bytes=5000-' }))),
    ).toBe('416 InvalidRange')
    // Unchanged since the ETag we hold: 304, no body; the SDK reports it as an error named NotModified.
    const unchanged = await codeOf(
      client.send(new GetObjectCommand({ Bucket: 'rubintv', Key: 'movie.mp4', IfNoneMatch: put.ETag })),
    )
    expect(unchanged).toMatch(/^304 /)
    const changed = await client.send(
      new GetObjectCommand({ Bucket: 'rubintv', Key: 'movie.mp4', IfNoneMatch: '"0000"' }),
    )
    expect(changed.ContentLength).toBe(1000)
  })

  it('lists with prefix, delimiter and pagination without repeating or losing a key', async () => {
    await using s3 = await startS3Server({ buckets: ['rubintv'] })
    const client = clientFor(s3.endpoint)
    const keys: string[] = []
    for (const camera of ['auxtel', 'lsstcam']) {
      for (const day of ['2025-11-14', '2025-11-15']) {
        for (const seq of [1, 2, 3]) keys.push(`${camera}/${day}/monitor/${String(seq).padStart(6, '0')}/x.png`)
        keys.push(`${camera}/${day}/metadata.json`)
      }
    }
    await Promise.all(keys.map((Key) => client.send(new PutObjectCommand({ Bucket: 'rubintv', Key, Body: Key }))))

    const cameras = await client.send(new ListObjectsV2Command({ Bucket: 'rubintv', Delimiter: '/' }))
    expect(cameras.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['auxtel/', 'lsstcam/'])
    expect(cameras.Contents ?? []).toEqual([])
    const days = await client.send(new ListObjectsV2Command({ Bucket: 'rubintv', Prefix: 'lsstcam/', Delimiter: '/' }))
    expect(days.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['lsstcam/2025-11-14/', 'lsstcam/2025-11-15/'])

    // Pages of 1 with a delimiter: common prefixes count as keys and are never repeated.
    const seen: string[] = []
    let token: string | undefined
    do {
      const page: ListObjectsV2CommandOutput = await client.send(
        new ListObjectsV2Command({
          Bucket: 'rubintv',
          Prefix: 'lsstcam/2025-11-15/',
          Delimiter: '/',
          MaxKeys: 1,
          ContinuationToken: token,
        }),
      )
      seen.push(
        ...(page.Contents ?? []).map((c) => c.Key ?? ''),
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''),
      )
      token = page.NextContinuationToken
    } while (token)
    expect(seen).toEqual(['lsstcam/2025-11-15/metadata.json', 'lsstcam/2025-11-15/monitor/'])

    const all: string[] = []
    token = undefined
    do {
      const page: ListObjectsV2CommandOutput = await client.send(
        new ListObjectsV2Command({ Bucket: 'rubintv', MaxKeys: 5, ContinuationToken: token }),
      )
      all.push(...(page.Contents ?? []).map((c) => c.Key ?? ''))
      token = page.NextContinuationToken
    } while (token)
    expect(all).toEqual([...keys].sort())
    const after = await client.send(
      new ListObjectsV2Command({ Bucket: 'rubintv', StartAfter: 'lsstcam/2025-11-15/metadata.json' }),
    )
    expect(after.Contents?.map((c) => c.Key)).toEqual(keys.filter((k) => k > 'lsstcam/2025-11-15/metadata.json').sort())
  })

  it('keeps objects across a restart and refuses connections while stopped', async () => {
    await using s3 = await startS3Server({ buckets: ['rubintv'] })
    const client = clientFor(s3.endpoint)
    await client.send(new PutObjectCommand({ Bucket: 'rubintv', Key: 'a/b.json', Body: '{"1":{}}' }))
    await s3.stop()
    expect(await codeOf(client.send(new GetObjectCommand({ Bucket: 'rubintv', Key: 'a/b.json' })))).toMatch(
      /ECONNREFUSED|socket hang up|ECONNRESET/,
    )
    await s3.start()
    const got = await client.send(new GetObjectCommand({ Bucket: 'rubintv', Key: 'a/b.json' }))
    expect(await got.Body?.transformToString()).toBe('{"1":{}}')
  })
})
