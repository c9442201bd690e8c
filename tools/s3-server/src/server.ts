// ----------------------------------------------------------------------------
// The S3 REST API, path style, the subset RA and RubinTV use: buckets (list,
// create, head, delete), objects (put, copy, get with ranges and conditional
// headers, head, delete, multi-delete) and ListObjects v1/v2 with prefix,
// delimiter and pagination. Requests are not authenticated: it listens on
// loopback for one machine and for tests; a real site uses its own S3.
// ----------------------------------------------------------------------------
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { readBody } from './body.ts'
import { parseRange } from './range.ts'
import { ObjectStore, StoreError } from './store.ts'
import {
  copyObjectXml,
  deleteResultXml,
  errorXml,
  listBucketsXml,
  listObjectsV1Xml,
  listObjectsV2Xml,
  parseDeleteKeys,
} from './xml.ts'

class HttpError extends Error {
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

const STATUS_OF: Record<StoreError['code'], number> = {
  NoSuchBucket: 404,
  NoSuchKey: 404,
  BucketAlreadyOwnedByYou: 409,
  BucketNotEmpty: 409,
  InvalidBucketName: 400,
}

// Continuation tokens are opaque to clients; ours is the last key returned, base64url.
const token = {
  encode: (key: string) => Buffer.from(key, 'utf8').toString('base64url'),
  decode: (value: string) => Buffer.from(value, 'base64url').toString('utf8'),
}

function userMetadataOf(request: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') out[name.slice('x-amz-meta-'.length)] = value
  }
  return out
}

function objectHeaders(meta: {
  etag: string
  contentType: string
  lastModified: string
  userMetadata: Readonly<Record<string, string>>
}) {
  const headers: Record<string, string> = {
    ETag: `"${meta.etag}"`,
    'Content-Type': meta.contentType,
    'Last-Modified': new Date(meta.lastModified).toUTCString(),
    'Accept-Ranges': 'bytes',
  }
  for (const [name, value] of Object.entries(meta.userMetadata)) headers[`x-amz-meta-${name}`] = value
  return headers
}

/** If-None-Match / If-Match, as S3 answers them for GET and HEAD. */
function preconditionStatus(request: IncomingMessage, etag: string): 304 | 412 | undefined {
  const quoted = `"${etag}"`
  const matches = (header: string) => header.split(',').some((t) => ['*', quoted, etag].includes(t.trim()))
  const ifMatch = request.headers['if-match']
  if (ifMatch && !matches(ifMatch)) return 412
  const ifNoneMatch = request.headers['if-none-match']
  if (ifNoneMatch && matches(ifNoneMatch)) return 304
  return undefined
}

async function handle(store: ObjectStore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://s3.local')
  const [, bucket = '', ...rest] = url.pathname.split('/')
  const bucketName = decodeURIComponent(bucket)
  const key = rest.map(decodeURIComponent).join('/')
  const q = url.searchParams
  const method = request.method ?? 'GET'
  const send = (status: number, body?: string | Buffer, headers: Record<string, string> = {}) => {
    const isXml = typeof body === 'string'
    response.writeHead(status, {
      ...(isXml ? { 'Content-Type': 'application/xml' } : {}),
      ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}),
      ...headers,
    })
    response.end(method === 'HEAD' ? undefined : body)
  }

  if (!bucketName) {
    if (method !== 'GET') throw new HttpError(405, 'MethodNotAllowed', `${method} / is not supported`)
    return send(200, listBucketsXml(store.buckets()))
  }

  if (!key) {
    switch (method) {
      case 'PUT':
        await readBody(request)
        await store.createBucket(bucketName)
        return send(200, undefined, { Location: `/${bucketName}` })
      case 'HEAD':
        if (!store.hasBucket(bucketName)) throw new StoreError('NoSuchBucket', `no bucket '${bucketName}'`)
        return send(200)
      case 'DELETE':
        await store.deleteBucket(bucketName)
        return send(204)
      case 'POST': {
        if (!q.has('delete')) throw new HttpError(400, 'InvalidRequest', 'POST on a bucket supports only ?delete')
        const keys = parseDeleteKeys((await readBody(request)).toString('utf8'))
        for (const k of keys) await store.delete(bucketName, k)
        return send(200, deleteResultXml(keys))
      }
      case 'GET': {
        if (q.has('location')) {
          if (!store.hasBucket(bucketName)) throw new StoreError('NoSuchBucket', `no bucket '${bucketName}'`)
          return send(200, '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint/>')
        }
        const prefix = q.get('prefix') ?? ''
        const delimiter = q.get('delimiter') ?? ''
        const maxKeys = Math.min(1000, Math.max(0, Number(q.get('max-keys') ?? 1000) || 0))
        if (q.get('list-type') === '2') {
          const continuationToken = q.get('continuation-token') ?? undefined
          const startAfter = q.get('start-after') ?? undefined
          const after = continuationToken !== undefined ? token.decode(continuationToken) : (startAfter ?? '')
          const result = store.list(bucketName, { prefix, delimiter, after, maxKeys })
          const next = result.truncated && result.last !== undefined ? token.encode(result.last) : undefined
          return send(
            200,
            listObjectsV2Xml(result, {
              bucket: bucketName,
              prefix,
              delimiter,
              maxKeys,
              startAfter,
              continuationToken,
              nextContinuationToken: next,
              encodingType: q.get('encoding-type') === 'url' ? 'url' : undefined,
            }),
          )
        }
        const marker = q.get('marker') ?? ''
        const result = store.list(bucketName, { prefix, delimiter, after: marker, maxKeys })
        return send(200, listObjectsV1Xml(result, { bucket: bucketName, prefix, delimiter, maxKeys, marker }))
      }
      default:
        throw new HttpError(405, 'MethodNotAllowed', `${method} on a bucket is not supported`)
    }
  }

  switch (method) {
    case 'PUT': {
      const copySource = request.headers['x-amz-copy-source']
      if (typeof copySource === 'string') {
        await readBody(request)
        const [fromBucket = '', ...fromKey] = decodeURIComponent(copySource.replace(/^\//, '')).split('/')
        const source = await store.read(fromBucket, fromKey.join('/'))
        const replace = request.headers['x-amz-metadata-directive'] === 'REPLACE'
        const meta = await store.write(
          bucketName,
          key,
          source.body,
          replace ? (request.headers['content-type'] ?? source.meta.contentType) : source.meta.contentType,
          replace ? userMetadataOf(request) : { ...source.meta.userMetadata },
        )
        return send(200, copyObjectXml(meta))
      }
      const body = await readBody(request)
      const meta = await store.write(
        bucketName,
        key,
        body,
        request.headers['content-type'] ?? 'binary/octet-stream',
        userMetadataOf(request),
      )
      return send(200, undefined, { ETag: `"${meta.etag}"` })
    }
    case 'GET':
    case 'HEAD': {
      const meta = store.head(bucketName, key)
      const precondition = preconditionStatus(request, meta.etag)
      if (precondition === 304) return send(304, undefined, { ETag: `"${meta.etag}"` })
      if (precondition === 412) throw new HttpError(412, 'PreconditionFailed', 'If-Match did not match the ETag')
      const range = parseRange(request.headers.range, meta.size)
      if (range.kind === 'unsatisfiable') {
        throw new HttpError(416, 'InvalidRange', `range '${request.headers.range}' is outside 0-${meta.size - 1}`)
      }
      const headers = objectHeaders(meta)
      if (method === 'HEAD') {
        response.writeHead(200, { ...headers, 'Content-Length': String(meta.size) })
        response.end()
        return
      }
      const { body } = await store.read(bucketName, key)
      if (range.kind === 'part') {
        return send(206, body.subarray(range.start, range.end + 1), {
          ...headers,
          'Content-Range': `bytes ${range.start}-${range.end}/${meta.size}`,
        })
      }
      return send(200, body, headers)
    }
    case 'DELETE':
      store.head(bucketName, key) // S3 answers 204 for a missing key too, but the bucket must exist.
      await store.delete(bucketName, key)
      return send(204)
    default:
      throw new HttpError(405, 'MethodNotAllowed', `${method} on an object is not supported`)
  }
}

export interface S3ServerOptions {
  /** Where objects live; survives restarts of the server. */
  readonly dir: string
  /** 0 (default) picks a free port. */
  readonly port?: number
  readonly host?: string
  /** Buckets to create at start if missing. */
  readonly buckets?: readonly string[]
}

export interface RunningS3Server {
  readonly port: number
  readonly endpoint: string
  readonly store: ObjectStore
  close(): Promise<void>
}

export async function listenS3Server(options: S3ServerOptions): Promise<RunningS3Server> {
  const store = await ObjectStore.open(options.dir)
  for (const name of options.buckets ?? []) if (!store.hasBucket(name)) await store.createBucket(name)
  const sockets = new Set<Socket>()
  const server: Server = createServer((request, response) => {
    handle(store, request, response).catch((error: unknown) => {
      const requestId = randomUUID()
      const [status, code, message] =
        error instanceof HttpError
          ? [error.status, error.code, error.message]
          : error instanceof StoreError
            ? [STATUS_OF[error.code], error.code, error.message]
            : [500, 'InternalError', error instanceof Error ? error.message : String(error)]
      if (response.headersSent) {
        response.destroy()
        return
      }
      const body = errorXml(code, message, request.url ?? '/', requestId)
      response.writeHead(status, { 'Content-Type': 'application/xml', 'x-amz-request-id': requestId })
      response.end(request.method === 'HEAD' ? undefined : body)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    endpoint: `http://${host}:${port}`,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        // Like a crash of the server process: open connections are cut, not drained.
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
