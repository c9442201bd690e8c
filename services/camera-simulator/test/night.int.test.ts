// A short night landed in a raw directory and announced on a private Redis's rawLanded stream.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import { buildS3Key, createRedisKeys, STREAM_DATA_FIELD } from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { connectRedis, createS3Client, readObject } from '@rubin/ra-runtime'
import { startRedisServer, startS3Server } from '@rubin/ra-runtime/testing'
import { Value } from '@sinclair/typebox/value'
import { describe, expect, it } from 'vitest'
import { directorySink, ExposureTruth, parsePlan, runNight, s3Sink, truthKeyOf } from '../src/index.ts'

const PLAN = `
instrument: LSSTCam
dayObs: 20250415
firstSeqNum: 10
start: '2025-04-16T03:00:00Z'
seed: 5
cadenceSeconds: 34
binning: 16
detectors: [94, 191]
exposures:
  - imageType: bias
  - imageType: cwfs
    pair: true
`

describe('runNight into a directory with a rawLanded announcement', () => {
  it('writes raws, truth and records at the contract keys and announces each exposure once', async () => {
    await using server = await startRedisServer()
    const root = await mkdtemp(join(tmpdir(), 'camera-sim-'))
    const redis = connectRedis({ url: server.url, name: 'camera-simulator-test' })
    try {
      const lines: string[] = []
      const plan = parsePlan(PLAN)
      const summary = await runNight(plan, directorySink(root, redis), { speed: 1000, progress: (l) => lines.push(l) })
      expect(summary.obsIds).toEqual(['MC_O_20250415_000010', 'MC_O_20250415_000011', 'MC_O_20250415_000012'])
      expect(lines).toHaveLength(3)

      const ids = { instrument: 'LSSTCam', dayObs: 20250415, obsId: 'MC_O_20250415_000011' } as const
      const recordKey = buildS3Key({ kind: 'rawRecord', ...ids })
      if (!recordKey.ok) throw new Error('no key')
      const record = parseMessage('ExposureRecord', await readFile(join(root, recordKey.value), 'utf8'))
      expect(record.ok).toBe(true)
      expect(record.ok && record.value).toMatchObject({ observationType: 'cwfs', observationReason: 'intra' })
      for (const detectorName of ['R22_S11', 'R00_SW0']) {
        const raw = buildS3Key({ kind: 'rawImage', ...ids, detectorName })
        if (!raw.ok) throw new Error('no key')
        expect((await stat(join(root, raw.value))).size % 2880).toBe(0)
      }
      const truth = JSON.parse(await readFile(join(root, truthKeyOf(recordKey.value)), 'utf8'))
      expect(Value.Check(ExposureTruth, truth)).toBe(true)
      expect(truth.focusZ).toBe(-1.5)

      const stream = createRedisKeys({ prefix: '' }).key('rawLanded', { instrument: 'LSSTCam' })
      const entries = await redis.client.xrange(stream, '-', '+')
      expect(entries).toHaveLength(3)
      const announced = entries.map(([, fields]) => JSON.parse(fields[fields.indexOf(STREAM_DATA_FIELD) + 1] ?? '{}'))
      expect(announced.map((r) => r.obsId)).toEqual(summary.obsIds)
      expect(announced.every((r) => parseMessage('ExposureRecord', JSON.stringify(r)).ok)).toBe(true)
      expect(announced[0].rawUri).toMatch(/^file:\/\/.*\/LSSTCam\/20250415\/MC_O_20250415_000010\/$/)

      // Landing again writes the same keys (idempotent) and the same bytes.
      const before = await readFile(join(root, recordKey.value), 'utf8')
      await runNight(plan, directorySink(root), { speed: Number.POSITIVE_INFINITY })
      expect(await readFile(join(root, recordKey.value), 'utf8')).toBe(before)
    } finally {
      await redis.close()
      await rm(root, { recursive: true, force: true })
    }
  })
})

describe('runNight into an S3 raw bucket', () => {
  it('puts raws, truth and the record at the contract keys, with an s3:// rawUri', async () => {
    await using server = await startRedisServer()
    await using s3 = await startS3Server({ buckets: ['raw'] })
    const redis = connectRedis({ url: server.url, name: 'camera-simulator-test' })
    try {
      const client = createS3Client({ endpoint: s3.endpoint })
      const summary = await runNight(parsePlan(PLAN), s3Sink(client, 'raw', redis), { speed: 1000 })
      expect(summary.obsIds).toHaveLength(3)
      const listed = await client.send(new ListObjectsV2Command({ Bucket: 'raw', Prefix: 'LSSTCam/20250415/' }))
      const keys = (listed.Contents ?? []).map((c) => c.Key ?? '')
      // 2 detectors + truth + record per exposure.
      expect(keys).toHaveLength(3 * 4)
      const ids = { instrument: 'LSSTCam', dayObs: 20250415, obsId: 'MC_O_20250415_000010' } as const
      const recordKey = buildS3Key({ kind: 'rawRecord', ...ids })
      if (!recordKey.ok) throw new Error('record key')
      expect(keys).toContain(recordKey.value)
      expect(keys).toContain(truthKeyOf(recordKey.value))
      const record = await readObject(client, 'raw', recordKey.value)
      const parsed = parseMessage('ExposureRecord', new TextDecoder().decode(record?.body))
      expect(parsed.ok && parsed.value.rawUri).toBe('s3://raw/LSSTCam/20250415/MC_O_20250415_000010/')
      const stream = createRedisKeys().key('rawLanded', { instrument: 'LSSTCam' })
      expect(await server.client.xlen(stream)).toBe(3)
    } finally {
      await redis.close()
    }
  })
})
