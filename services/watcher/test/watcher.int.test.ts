// The watcher against a private real Redis and a real raw directory: one announcement per exposure
// whichever source sees it (webhook, rawLanded stream, poll) and across restarts; bad input → dead letters.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buildS3Key,
  dayObsStart,
  type ExposureRecord,
  exposureId,
  obsId as makeObsId,
  STREAM_DATA_FIELD,
} from '@rubin/ra-contract'
import { entriesOf, startService } from '@rubin/ra-runtime'
import { startRedisServer, type TestRedisServer } from '@rubin/ra-runtime/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SourceCounts } from '../src/index.ts'
import { watcherService } from '../src/index.ts'

const DAY = 20250415
const INCOMING = 'ra:LSSTCam:incoming'
const RAW_LANDED = 'ra:LSSTCam:raw-landed'
const SEEN = 'ra:LSSTCam:seen-exposures'
const DEAD_LETTERS = 'ra:dead-letters'

function record(seqNum: number, dayObs = DAY): ExposureRecord {
  const id = exposureId({ dayObs, seqNum, controller: 'O' })
  const obs = makeObsId({ instrument: 'LSSTCam', controller: 'O', dayObs, seqNum })
  if (!id.ok || !obs.ok) throw new Error('bad fixture')
  return {
    instrument: 'LSSTCam',
    exposureId: id.value,
    obsId: obs.value,
    dayObs,
    seqNum,
    controller: 'O',
    groupId: `group-${seqNum}`,
    observationType: 'science',
    observationReason: 'field_survey_science',
    physicalFilter: 'r_57',
    exposureTime: 30,
    darkTime: 30.8,
    targetName: 'field',
    scienceProgram: 'BLOCK-365',
    trackingRa: 10,
    trackingDec: -20,
    skyAngle: 0,
    azimuth: 100,
    zenithAngle: 30,
    canSeeSky: true,
    timespanBegin: '2025-04-16T03:12:05.000Z',
    timespanEnd: '2025-04-16T03:12:35.000Z',
  }
}

function keyOf(r: ExposureRecord): string {
  const key = buildS3Key({ kind: 'rawRecord', instrument: r.instrument, dayObs: r.dayObs, obsId: r.obsId })
  if (!key.ok) throw new Error('bad key')
  return key.value
}

const notification = (...keys: string[]) =>
  JSON.stringify({
    Records: keys.map((key) => ({
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: 'rubin-raw' }, object: { key } },
    })),
  })

let root: string
let server: TestRedisServer
/** The poll's clock: far from DAY until a test lets the poll see the raw directory. */
let clock: Date

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ra-watcher-'))
  server = await startRedisServer()
  clock = new Date('2030-01-01T00:00:00Z')
})
afterEach(async () => {
  await server.stop()
  await rm(root, { recursive: true, force: true })
})

async function land(r: ExposureRecord, text = JSON.stringify(r)) {
  const path = join(root, keyOf(r))
  await mkdir(join(path, '..'), { recursive: true })
  await writeFile(path, text)
}

/** Starts a watcher and waits until it is ready (its consumer group exists). */
async function start(env: Record<string, string> = {}) {
  const service = await startService(watcherService({ now: () => clock }), {
    RA_REDIS_URL: server.url,
    RA_LOG_LEVEL: 'silent',
    RA_INSTRUMENT: 'LSSTCam',
    RA_RAW_ROOT: root,
    RA_POLL_INTERVAL_S: '0.1',
    ...env,
  })
  await expect.poll(async () => (await fetch(`${service.http?.url}/readyz`)).status).toBe(200)
  return service
}

type Started = Awaited<ReturnType<typeof start>>

async function post(service: Started, body: string) {
  const response = await fetch(`${service.http?.url}/notifications`, { method: 'POST', body })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function counts(service: Started): Promise<Record<string, SourceCounts>> {
  const response = await fetch(`${service.http?.url}/status`)
  return ((await response.json()) as { counts: Record<string, SourceCounts> }).counts
}

const incoming = () => server.client.lrange(INCOMING, 0, -1)
const deadLetters = async () =>
  entriesOf((await server.client.xread('STREAMS', DEAD_LETTERS, '0')) as never, DEAD_LETTERS).map(
    (e) => JSON.parse(e.data ?? '{}') as { source: string; code: string; reason: string; input: string },
  )

describe('watcher', () => {
  it('announces each exposure once, whichever of webhook, stream and poll sees it, and not again after a restart', async () => {
    const a = record(60)
    const b = record(61)
    const first = await start()
    try {
      // A: the webhook sees it first; then the stream and the poll find it already announced.
      await land(a)
      expect(await post(first, notification(keyOf(a)))).toEqual({
        status: 200,
        body: { records: 1, announced: 1, duplicates: 0, invalid: 0, unreadable: 0, ignored: 0 },
      })
      await server.client.xadd(RAW_LANDED, '*', STREAM_DATA_FIELD, JSON.stringify(a))
      await expect.poll(async () => (await counts(first)).stream?.duplicates).toBe(1)
      clock = new Date(dayObsStart(DAY).getTime() + 3_600_000)
      await expect.poll(async () => (await counts(first)).poll?.duplicates).toBe(1)

      // B: the poll sees it first; the webhook and the stream then find it announced.
      await land(b)
      await expect.poll(incoming).toHaveLength(2)
      expect((await post(first, notification(keyOf(b)))).body).toMatchObject({ announced: 0, duplicates: 1 })
      await server.client.xadd(RAW_LANDED, '*', STREAM_DATA_FIELD, JSON.stringify(b))
      await expect.poll(async () => (await counts(first)).stream?.duplicates).toBe(2)

      const announced = await counts(first)
      expect([announced.webhook?.announced, announced.stream?.announced, announced.poll?.announced]).toEqual([1, 0, 1])
      expect(await incoming()).toEqual([JSON.stringify(b), JSON.stringify(a)])
    } finally {
      await first.stop()
    }

    // A new watcher (same Redis) sees both again by every source and announces neither.
    await using second = await start()
    expect((await post(second, notification(keyOf(a), keyOf(b)))).body).toMatchObject({ announced: 0, duplicates: 2 })
    await server.client.xadd(RAW_LANDED, '*', STREAM_DATA_FIELD, JSON.stringify(a))
    await expect.poll(async () => (await counts(second)).stream?.duplicates).toBe(1)
    await expect.poll(async () => (await counts(second)).poll?.duplicates).toBe(2)
    expect(await incoming()).toHaveLength(2)
    expect(await server.client.zrange(SEEN, 0, '-1')).toEqual([String(a.exposureId), String(b.exposureId)])
  })

  it('announces once when the webhook and the stream race for the same exposure', async () => {
    await using service = await start({ RA_POLL_INTERVAL_S: '0' })
    const races = Array.from({ length: 10 }, (_, i) => record(100 + i))
    await Promise.all(
      races.flatMap((r) => [
        land(r).then(() => post(service, notification(keyOf(r)))),
        server.client.xadd(RAW_LANDED, '*', STREAM_DATA_FIELD, JSON.stringify(r)),
      ]),
    )
    await expect.poll(async () => (await counts(service)).stream?.received).toBe(10)
    const all = await counts(service)
    expect((all.webhook?.announced ?? 0) + (all.stream?.announced ?? 0)).toBe(10)
    expect((all.webhook?.duplicates ?? 0) + (all.stream?.duplicates ?? 0)).toBe(10)
    expect(new Set(await incoming()).size).toBe(10)
    expect(await incoming()).toHaveLength(10)
  })

  it('answers 400 to a body that is not a bucket notification, dead-letters it, and keeps serving', async () => {
    await using service = await start({ RA_POLL_INTERVAL_S: '0' })
    const bad = await post(service, '{"Records": "nope"}')
    expect(bad.status).toBe(400)
    expect(bad.body.error).toBe('RA_BUCKET_NOTIFICATION_INVALID')
    expect(String(bad.body.message)).toContain('/Records')
    expect((await post(service, 'not json')).status).toBe(400)
    const letters = await deadLetters()
    expect(letters.map((l) => [l.code, l.input])).toEqual([
      ['RA_BUCKET_NOTIFICATION_INVALID', '{"Records": "nope"}'],
      ['RA_BUCKET_NOTIFICATION_INVALID', 'not json'],
    ])
    const good = record(70)
    await land(good)
    expect((await post(service, notification(keyOf(good)))).body).toMatchObject({ announced: 1 })
  })

  it('dead-letters a record that is missing or invalid, and still announces the good ones of the same notification', async () => {
    await using service = await start({ RA_POLL_INTERVAL_S: '0' })
    const missing = record(80)
    const invalid = record(81)
    const good = record(82)
    await land(invalid, JSON.stringify({ ...invalid, exposureId: 1 }))
    await land(good)
    const reply = await post(service, notification(keyOf(missing), keyOf(invalid), keyOf(good)))
    expect(reply).toEqual({
      status: 200,
      body: { records: 3, announced: 1, duplicates: 0, invalid: 1, unreadable: 1, ignored: 0 },
    })
    expect((await deadLetters()).map((l) => [l.code, l.source])).toEqual([
      ['RA_RAW_RECORD_UNREADABLE', keyOf(missing)],
      ['RA_EXPOSURE_RECORD_INVALID', keyOf(invalid)],
    ])
    expect(await incoming()).toEqual([JSON.stringify(good)])
  })

  it('dead-letters bad stream entries, acknowledges them, and carries on with the next', async () => {
    await using service = await start({ RA_POLL_INTERVAL_S: '0' })
    await server.client.xadd(RAW_LANDED, '*', STREAM_DATA_FIELD, '{not json')
    await server.client.xadd(RAW_LANDED, '*', 'other', 'field')
    await server.client.xadd(
      RAW_LANDED,
      '*',
      STREAM_DATA_FIELD,
      JSON.stringify({ ...record(90), instrument: 'LATISS' }),
    )
    const good = record(91)
    await server.client.xadd(RAW_LANDED, '*', STREAM_DATA_FIELD, JSON.stringify(good))
    await expect.poll(incoming).toEqual([JSON.stringify(good)])
    const letters = await deadLetters()
    expect(letters.map((l) => l.code)).toEqual([
      'RA_EXPOSURE_RECORD_INVALID',
      'RA_EXPOSURE_RECORD_INVALID',
      'RA_EXPOSURE_RECORD_INVALID',
    ])
    expect(letters.every((l) => l.source.startsWith(`${RAW_LANDED}#`))).toBe(true)
    expect(letters[2]?.reason).toContain('LATISS')
    const pending = (await server.client.xpending(RAW_LANDED, 'watcher')) as [number, ...unknown[]]
    expect(pending[0]).toBe(0)
    expect((await counts(service)).stream).toMatchObject({ received: 4, invalid: 3, announced: 1 })
  })

  it('re-reads the stream entries it had not acknowledged when it stopped', async () => {
    // An entry delivered to the watcher's consumer but never acknowledged (it died mid-way).
    await server.client.xgroup('CREATE', RAW_LANDED, 'watcher', '$', 'MKSTREAM')
    const pendingRecord = record(95)
    await server.client.xadd(RAW_LANDED, '*', STREAM_DATA_FIELD, JSON.stringify(pendingRecord))
    await server.client.xreadgroup('GROUP', 'watcher', 'LSSTCam', 'COUNT', 10, 'STREAMS', RAW_LANDED, '>')
    await using _service = await start({ RA_POLL_INTERVAL_S: '0' })
    await expect.poll(incoming).toEqual([JSON.stringify(pendingRecord)])
    await expect.poll(async () => ((await server.client.xpending(RAW_LANDED, 'watcher')) as [number])[0]).toBe(0)
  })

  it('keeps only the last days of ids in seenExposures', async () => {
    await using service = await start({ RA_POLL_INTERVAL_S: '0', RA_RAW_LANDED: 'false' })
    const old = record(1, 20250410)
    const recent = record(2, DAY)
    await land(old)
    await land(recent)
    await post(service, notification(keyOf(old)))
    expect(await server.client.zrange(SEEN, 0, '-1')).toEqual([String(old.exposureId)])
    await post(service, notification(keyOf(recent)))
    expect(await server.client.zrange(SEEN, 0, '-1')).toEqual([String(recent.exposureId)])
  })
})
