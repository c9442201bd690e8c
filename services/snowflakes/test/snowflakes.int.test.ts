// The snowflakes service in-process against a private Redis and the real S3 server: a gather on
// the completions stream becomes a timing diagram at the contract's ra_performance key, and the
// day's mosaic JPEGs become the day movie (function and on-demand route; checked with ffprobe).
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { buildS3Key, type GatherReady, type PayloadTiming, redisKeyMaxLength } from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { createS3Client, entriesOf, readObject, startService, xaddJson } from '@rubin/ra-runtime'
import { startRedisServer, startS3Server } from '@rubin/ra-runtime/testing'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { dayMoviesOf, makeDayMovie, snowflakesService } from '../src/index.ts'

const BUCKET = 'rubintv'
const run = promisify(execFile)

async function tempDir(): Promise<AsyncDisposable & { path: string }> {
  const path = await mkdtemp(join(tmpdir(), 'ra-snowflakes-'))
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) }
}

function key(spec: Parameters<typeof buildS3Key>[0]): string {
  const built = buildS3Key(spec)
  if (!built.ok) throw new Error(JSON.stringify(built.issues))
  return built.value
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function start() {
  const redisServer = await startRedisServer()
  const s3 = await startS3Server({ buckets: [BUCKET] })
  const spool = await tempDir()
  const service = await startService(snowflakesService(), {
    RA_REDIS_URL: redisServer.url,
    RA_INSTRUMENT: 'LSSTCam',
    RA_S3_ENDPOINT: s3.endpoint,
    RA_S3_BUCKET: BUCKET,
    RA_PRODUCT_SPOOL_DIR: spool.path,
    RA_LOG_LEVEL: 'silent',
  })
  return {
    service,
    s3: createS3Client({ endpoint: s3.endpoint }),
    redis: service.context.redis,
    async [Symbol.asyncDispose]() {
      await service.stop()
      await spool[Symbol.asyncDispose]()
      await s3.stop()
      await redisServer[Symbol.asyncDispose]()
    },
  }
}

const timing = (detector: number, outcome: PayloadTiming['outcome'], offsetS: number): PayloadTiming => ({
  payloadId: `2025111500226-SFM-${String(detector).padStart(3, '0')}-1`,
  workerId: `SFM_WORKER-LSSTCam-000-${String(detector).padStart(3, '0')}`,
  instrument: 'LSSTCam',
  who: 'SFM',
  processingId: '2025111500226',
  detector,
  pipeline: 'SFM',
  outcome,
  enqueuedAt: '2025-11-16T03:12:45.000Z',
  startedAt: new Date(Date.parse('2025-11-16T03:12:45.000Z') + offsetS * 1000).toISOString(),
  finishedAt: new Date(Date.parse('2025-11-16T03:12:45.000Z') + (offsetS + 20) * 1000).toISOString(),
})

describe('snowflakes', () => {
  it('renders the exposure’s timing diagram when its gather completes, and dead-letters a bad entry', async () => {
    await using env = await start()
    const { client, keys } = env.redis
    const timings = keys.key('payloadTimings', { instrument: 'LSSTCam' })
    await client.xadd(timings, '*', 'data', '{"not":"a timing"}')
    for (const [i, detector] of [10, 11, 12, 94].entries()) {
      await xaddJson(
        client,
        timings,
        timing(detector, i === 2 ? 'failed' : 'finished', i),
        redisKeyMaxLength('payloadTimings'),
      )
    }
    const ready: GatherReady = {
      instrument: 'LSSTCam',
      who: 'SFM',
      processingId: '2025111500226',
      expected: 4,
      failedDetectors: [12],
      at: new Date().toISOString(),
    }
    await xaddJson(client, keys.key('completions', { instrument: 'LSSTCam' }), ready)
    const want = key({
      kind: 'event',
      camera: 'ra_performance',
      channel: 'timing_diagram',
      dayObs: 20251115,
      seq: 226,
      ext: 'png',
    })
    const object = await until(() => readObject(env.s3, BUCKET, want), 'the timing diagram')
    const meta = await sharp(object.body).metadata()
    expect([meta.format, (meta.width ?? 0) > 400, (meta.height ?? 0) > 200]).toEqual(['png', true, true])
    const written = await client.xrange(keys.key('objectWritten'), '-', '+')
    const notes = entriesOf([[keys.key('objectWritten'), written]], keys.key('objectWritten')).map((e) =>
      parseMessage('ObjectWritten', e.data ?? ''),
    )
    expect(notes.map((n) => n.ok && [n.value.key, n.value.producer])).toEqual([[want, 'snowflakes']])
    const dead = await client.xrange(keys.key('deadLetters'), '-', '+')
    expect(dead.map(([, fields]) => JSON.parse(fields[1] ?? '{}').code)).toEqual(['RA_SNOWFLAKES_BAD_ENTRY'])
  })

  it('assembles the day’s focal_plane_mosaic JPEGs into the day_movie mp4 (function and POST /day-movie)', async () => {
    await using env = await start()
    const [channels] = dayMoviesOf('LSSTCam')
    if (channels === undefined) throw new Error('LSSTCam has no day movie')
    const put = (Key: string, Body: Uint8Array) =>
      env.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body, ContentType: 'image/jpeg' }))
    for (const seq of [12, 3, 7]) {
      const jpeg = await sharp({
        create: { width: 320, height: 240, channels: 3, background: { r: seq * 20, g: 40, b: 90 } },
      })
        .jpeg()
        .toBuffer()
      await put(
        key({ kind: 'event', camera: 'lsstcam', channel: 'focal_plane_mosaic', dayObs: 20251115, seq, ext: 'jpg' }),
        jpeg,
      )
    }
    // Not frames: another day, and another channel.
    const other = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer()
    await put(
      key({ kind: 'event', camera: 'lsstcam', channel: 'focal_plane_mosaic', dayObs: 20251116, seq: 1, ext: 'jpg' }),
      other,
    )
    await put(
      key({ kind: 'event', camera: 'lsstcam', channel: 'calexp_mosaic', dayObs: 20251115, seq: 1, ext: 'jpg' }),
      other,
    )

    const made = await makeDayMovie({
      s3: env.s3,
      bucket: BUCKET,
      products: { put: async () => ({ key: '', uploaded: true, size: 0 }) },
      channels,
      dayObs: 20251115,
      fps: 5,
    })
    expect(made).toMatchObject({ frames: 3, seqs: [3, 7, 12], width: 320, height: 240 })

    const response = await fetch(`${env.service.http?.url}/day-movie?dayObs=20251115`, { method: 'POST' })
    expect(response.status).toBe(200)
    const finalKey = key({ kind: 'final', camera: 'lsstcam', channel: 'day_movie', dayObs: 20251115, ext: 'mp4' })
    const movie = await readObject(env.s3, BUCKET, finalKey)
    expect(movie).toBeDefined()
    await using dir = await tempDir()
    await writeFile(join(dir.path, 'm.mp4'), movie?.body ?? new Uint8Array())
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-count_frames',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=codec_name,width,height,nb_read_frames',
      '-of',
      'json',
      join(dir.path, 'm.mp4'),
    ])
    expect(JSON.parse(stdout).streams[0]).toMatchObject({
      codec_name: 'h264',
      width: 320,
      height: 240,
      nb_read_frames: '3',
    })

    const empty = await fetch(`${env.service.http?.url}/day-movie?dayObs=20240101`, { method: 'POST' })
    expect([empty.status, ((await empty.json()) as { code: string }).code]).toEqual([404, 'RA_SNOWFLAKES_NO_FRAMES'])
    const bad = await fetch(`${env.service.http?.url}/day-movie?dayObs=yesterday`, { method: 'POST' })
    expect(bad.status).toBe(400)
  })
})
