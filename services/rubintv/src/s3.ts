// ----------------------------------------------------------------------------
// S3 access for one location: list a prefix (ETags included), read an object
// (optionally a byte range). Path-style and checksums only when required, so
// any S3 (Ceph RGW, MinIO, our loopback server) answers the same way.
// ----------------------------------------------------------------------------
import type { Readable } from 'node:stream'
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { createS3Client, type S3Settings } from '@rubin/ra-runtime'
import type { LocationTarget } from './config.ts'

export interface ListedObject {
  readonly key: string
  readonly etag: string
  readonly size: number
}

export interface ObjectRead {
  readonly body: Readable
  readonly etag: string | undefined
  readonly size: number | undefined
  readonly contentRange: string | undefined
  readonly lastModified: Date | undefined
}

export interface Bucket {
  readonly target: LocationTarget
  list(prefix: string, signal?: AbortSignal): Promise<ListedObject[]>
  /** Folder names directly under a prefix (for the list of days). */
  folders(prefix: string): Promise<string[]>
  get(key: string, range?: string): Promise<ObjectRead | undefined>
  getText(key: string): Promise<{ text: string; etag: string | undefined } | undefined>
  close(): void
}

const clients = new Map<string, S3Client>()

/** Credentials and region shared by every location (the runtime's S3 settings, endpoint per location). */
export type S3Access = Omit<S3Settings, 'endpoint'>

function clientFor(endpoint: string | undefined, access: S3Access): S3Client {
  const id = `${endpoint ?? ''}|${access.region ?? ''}|${access.accessKeyId ?? ''}`
  let client = clients.get(id)
  if (client === undefined) {
    client = createS3Client({ ...access, ...(endpoint === undefined ? {} : { endpoint }) })
    clients.set(id, client)
  }
  return client
}

const stripQuotes = (etag: string | undefined) => etag?.replace(/^"|"$/g, '')

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } }
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404
}

export function openBucket(target: LocationTarget, access: S3Access): Bucket {
  const client = clientFor(target.endpoint, access)
  const Bucket = target.bucket
  return {
    target,
    async list(prefix, signal) {
      const out: ListedObject[] = []
      let token: string | undefined
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
          signal ? { abortSignal: signal } : {},
        )
        for (const o of page.Contents ?? []) {
          if (o.Key !== undefined) out.push({ key: o.Key, etag: stripQuotes(o.ETag) ?? '', size: o.Size ?? 0 })
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token !== undefined)
      return out
    },
    async folders(prefix) {
      const out: string[] = []
      let token: string | undefined
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket,
            Prefix: prefix,
            Delimiter: '/',
            ...(token ? { ContinuationToken: token } : {}),
          }),
        )
        for (const p of page.CommonPrefixes ?? []) {
          if (p.Prefix !== undefined) out.push(p.Prefix.slice(prefix.length).replace(/\/$/, ''))
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token !== undefined)
      return out
    },
    async get(key, range) {
      try {
        const reply = await client.send(new GetObjectCommand({ Bucket, Key: key, ...(range ? { Range: range } : {}) }))
        return {
          body: reply.Body as Readable,
          etag: stripQuotes(reply.ETag),
          size: reply.ContentLength,
          contentRange: reply.ContentRange,
          lastModified: reply.LastModified,
        }
      } catch (error) {
        if (isNotFound(error)) return undefined
        throw error
      }
    },
    async getText(key) {
      const read = await this.get(key)
      if (read === undefined) return undefined
      const chunks: Buffer[] = []
      for await (const chunk of read.body) chunks.push(chunk as Buffer)
      return { text: Buffer.concat(chunks).toString('utf8'), etag: read.etag }
    },
    close() {},
  }
}
