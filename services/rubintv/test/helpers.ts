// Shared by the server and browser tests: a private Redis, the project's S3
// server, RubinTV in-process, a way to write products exactly as RA does
// (object in S3 + ObjectWritten on the contract's stream), and a small WS client.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import {
  buildS3Key,
  type Camera,
  createRedisKeys,
  type DayObs,
  dayObsOf,
  LOCATIONS,
  type MetadataTable,
  type ObjectWritten,
  type RubinTvClientMessage,
  type RubinTvServerMessage,
  type S3KeySpec,
  STREAM_DATA_FIELD,
} from '@rubin/ra-contract'
import { validate } from '@rubin/ra-contract/validate'
import { headNodeService } from '@rubin/ra-head-node'
import { startService } from '@rubin/ra-runtime'
import { startRedisServer, startS3Server, type TestRedisServer, type TestS3Server } from '@rubin/ra-runtime/testing'
import WebSocket from 'ws'
import { type RubinTvRunning, rubintvService } from '../src/service.ts'

export const keys = createRedisKeys({ prefix: '' })
export const LOCATION = 'local' as const
export const BUCKET = LOCATIONS.local.bucket
export const ADMIN = 'alice'
export const USER_HEADER = 'x-auth-request-user'
export const today = (): DayObs => dayObsOf(new Date())

export interface Stack extends AsyncDisposable {
  readonly redis: TestRedisServer
  readonly s3: TestS3Server
  readonly s3Client: S3Client
  readonly url: string
  readonly running: RubinTvRunning
  startHeadNode(): Promise<AsyncDisposable>
}

export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const redis = await startRedisServer()
  const s3 = await startS3Server()
  await s3.bucket(BUCKET)
  const s3Client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'ra', secretAccessKey: 'ra' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const started = await startService(
    rubintvService(),
    {
      RA_REDIS_URL: redis.url,
      RA_LOG_LEVEL: 'silent',
      RUBINTV_PORT: '0',
      RUBINTV_LOCATIONS: LOCATION,
      S3_ENDPOINT_URL: s3.endpoint,
      RUBINTV_ADMINS: JSON.stringify({ [LOCATION]: [ADMIN] }),
      // Long: tests that need a listing call reconcile() themselves, so notifications are tested alone.
      RUBINTV_RECONCILE_MS: '600000',
      ...env,
    },
    { http: false },
  )
  const running = started.running as unknown as RubinTvRunning
  const extra: AsyncDisposable[] = []
  return {
    redis,
    s3,
    s3Client,
    url: running.url,
    running,
    async startHeadNode() {
      const head = await startService(
        headNodeService({ onReset: () => {} }),
        { RA_REDIS_URL: redis.url, RA_INSTRUMENT: 'LSSTCam', RA_LOG_LEVEL: 'silent', RA_CONTROL_POLL_MS: '100' },
        { http: false },
      )
      extra.push(head)
      return head
    },
    async [Symbol.asyncDispose]() {
      for (const e of extra) await e[Symbol.asyncDispose]()
      await started.stop()
      s3Client.destroy()
      await s3.dispose()
      await redis.stop()
    },
  }
}

export function keyOf(spec: S3KeySpec): string {
  const key = buildS3Key(spec)
  if (!key.ok) throw new Error(JSON.stringify(key.issues))
  return key.value
}

/** Write an object; with notify, also the ObjectWritten entry RA's producers write. */
export async function putObject(
  stack: Stack,
  key: string,
  body: string | Uint8Array,
  notify: Omit<ObjectWritten, 'bucket' | 'key' | 'producer' | 'writtenAt'> | undefined,
): Promise<void> {
  const put = await stack.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }))
  if (notify === undefined) return
  const message = {
    ...notify,
    bucket: BUCKET,
    key,
    ...(put.ETag ? { etag: put.ETag.replace(/"/g, '') } : {}),
    producer: notify.kind === 'metadata' ? 'metadata-server' : 'worker',
    writtenAt: new Date().toISOString(),
  }
  const checked = validate('ObjectWritten', message)
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues))
  await stack.redis.client.xadd(keys.key('objectWritten'), '*', STREAM_DATA_FIELD, JSON.stringify(message))
}

export async function putProduct(stack: Stack, camera: Camera, channel: string, seq: number, notify: boolean) {
  const dayObs = today()
  const key = keyOf({ kind: 'event', camera, channel, dayObs, seq, ext: 'png' })
  await putObject(stack, key, PNG, notify ? { kind: 'event', camera, channel, dayObs, seq } : undefined)
  return key
}

export async function putMetadata(stack: Stack, camera: Camera, table: MetadataTable, changedSeqs?: number[]) {
  const dayObs = today()
  const key = keyOf({ kind: 'metadata', camera, dayObs })
  await putObject(stack, key, JSON.stringify(table), {
    kind: 'metadata',
    camera,
    dayObs,
    ...(changedSeqs ? { changedSeqs } : {}),
  })
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)

export interface WsClient extends AsyncDisposable {
  send(message: RubinTvClientMessage | Record<string, unknown>): void
  next(match: (m: RubinTvServerMessage) => boolean, timeoutMs?: number): Promise<RubinTvServerMessage>
  readonly received: RubinTvServerMessage[]
}

export async function wsClient(baseUrl: string, headers: Record<string, string> = {}): Promise<WsClient> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, { headers })
  const received: RubinTvServerMessage[] = []
  const waiters: { match: (m: RubinTvServerMessage) => boolean; resolve: (m: RubinTvServerMessage) => void }[] = []
  let seen = 0
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as RubinTvServerMessage
    const checked = validate('RubinTvServerMessage', message)
    if (!checked.ok) throw new Error(`server frame breaks the contract: ${JSON.stringify(checked.issues)}`)
    received.push(message)
    for (const w of [...waiters]) {
      if (w.match(message)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(message)
      }
    }
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return {
    received,
    send: (message) => ws.send(JSON.stringify(message)),
    next(match, timeoutMs = 5000) {
      // Frames already received after the last one consumed count too.
      for (let i = seen; i < received.length; i++) {
        const m = received[i] as RubinTvServerMessage
        if (match(m)) {
          seen = i + 1
          return Promise.resolve(m)
        }
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms`)), timeoutMs)
        waiters.push({
          match,
          resolve: (m) => {
            clearTimeout(timer)
            seen = received.length
            resolve(m)
          },
        })
      })
    },
    async [Symbol.asyncDispose]() {
      ws.close()
    },
  }
}
