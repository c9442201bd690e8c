import { createServer } from 'node:net'
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3'
import { describe, expect, it } from 'vitest'
import { createS3Client } from './s3.ts'
import { isTransientError } from './transient.ts'

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('isTransientError', () => {
  it('is true for what a real S3 client throws when the server is away', async () => {
    const s3 = createS3Client({ endpoint: `http://127.0.0.1:${await closedPort()}`, maxAttempts: 1 })
    const error = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })).catch((e: unknown) => e)
    s3.destroy()
    expect(error).toBeInstanceOf(Error)
    expect(isTransientError(error)).toBe(true)
  })

  it('is true for server-side S3 failures and throttling, false for client errors', () => {
    const s3Error = (status: number, name = 'Error') =>
      Object.assign(new Error('x'), { name, $metadata: { httpStatusCode: status } })
    expect(isTransientError(s3Error(503))).toBe(true)
    expect(isTransientError(s3Error(429))).toBe(true)
    expect(isTransientError(s3Error(400, 'SlowDown'))).toBe(true)
    expect(isTransientError(s3Error(403, 'AccessDenied'))).toBe(false)
    expect(isTransientError(new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } }))).toBe(false)
  })

  it('looks through cause and AggregateError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    expect(isTransientError(new Error('wrapped', { cause: refused }))).toBe(true)
    expect(isTransientError(new AggregateError([new Error('a'), refused]))).toBe(true)
    expect(isTransientError(new AggregateError([new Error('a')]))).toBe(false)
  })

  it('is false for errors in the work itself and for non-errors', () => {
    expect(isTransientError(new Error('RA_FITS_TRUNCATED: file ends early'))).toBe(false)
    expect(isTransientError(Object.assign(new Error('bad'), { code: 'RA_WORKER_RAW_MISSING' }))).toBe(false)
    expect(isTransientError(new Error('Connection is closed.'))).toBe(true)
    expect(isTransientError('ECONNREFUSED')).toBe(false)
    expect(isTransientError(undefined)).toBe(false)
  })
})
