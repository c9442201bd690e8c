// Where exposures land: raws and the ExposureRecord under the contract's rawImage/rawRecord
// keys in a directory laid out as the raw bucket, plus the truth beside them; then the landing
// is announced on the rawLanded stream the watcher reads. Keys are deterministic, so writing an
// exposure twice overwrites the same objects (idempotent).
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { buildS3Key, type ExposureRecord, redisKeyMaxLength } from '@rubin/ra-contract'
import { type RedisHandle, xaddJson } from '@rubin/ra-runtime'
import type { SimulatedExposure } from './exposure.ts'

export interface ExposureSink {
  /** Stores every file, then the record (last: its landing means the raws are complete). */
  land(exposure: SimulatedExposure): Promise<{ readonly record: ExposureRecord; readonly keys: readonly string[] }>
}

function key(spec: Parameters<typeof buildS3Key>[0]): string {
  const built = buildS3Key(spec)
  if (!built.ok) throw new Error(`SIM_BAD_KEY: ${built.issues.map((i) => i.message).join('; ')}`)
  return built.value
}

/** The truth file's key: beside the record, `{obsId}_truth.json` (simulator-only, not a contract key). */
export function truthKeyOf(recordKey: string): string {
  return recordKey.replace(/\.json$/, '_truth.json')
}

async function atomicWrite(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temp = `${path}.partial`
  await writeFile(temp, bytes)
  await rename(temp, path)
}

export function directorySink(root: string, announce?: RedisHandle): ExposureSink {
  const base = resolve(root)
  return {
    async land(exposure) {
      const { record: bare, truth } = exposure
      const ids = { instrument: bare.instrument, dayObs: bare.dayObs, obsId: bare.obsId }
      const recordKey = key({ kind: 'rawRecord', ...ids })
      const rawUri = `${pathToFileURL(join(base, dirname(recordKey))).href}/`
      const record: ExposureRecord = { ...bare, rawUri }
      const keys: string[] = []
      for (const [detectorName, bytes] of exposure.files) {
        const k = key({ kind: 'rawImage', ...ids, detectorName })
        await atomicWrite(join(base, k), bytes)
        keys.push(k)
      }
      await atomicWrite(join(base, truthKeyOf(recordKey)), `${JSON.stringify(truth, null, 1)}\n`)
      await atomicWrite(join(base, recordKey), `${JSON.stringify(record)}\n`)
      keys.push(recordKey)
      if (announce !== undefined) await announceLanding(announce, record)
      return { record, keys }
    },
  }
}

/**
 * The raw bucket: the same keys as the directory, as the embargo bucket lays them out;
 * `rawUri` is the s3:// prefix of the exposure. The record goes last, as in the directory.
 */
export function s3Sink(s3: S3Client, bucket: string, announce?: RedisHandle): ExposureSink {
  const put = (Key: string, Body: Uint8Array | string, ContentType: string) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body, ContentType }))
  return {
    async land(exposure) {
      const { record: bare, truth } = exposure
      const ids = { instrument: bare.instrument, dayObs: bare.dayObs, obsId: bare.obsId }
      const recordKey = key({ kind: 'rawRecord', ...ids })
      const record: ExposureRecord = { ...bare, rawUri: `s3://${bucket}/${dirname(recordKey)}/` }
      const keys: string[] = []
      for (const [detectorName, bytes] of exposure.files) {
        const k = key({ kind: 'rawImage', ...ids, detectorName })
        await put(k, bytes, 'application/fits')
        keys.push(k)
      }
      await put(truthKeyOf(recordKey), `${JSON.stringify(truth, null, 1)}\n`, 'application/json')
      await put(recordKey, `${JSON.stringify(record)}\n`, 'application/json')
      keys.push(recordKey)
      if (announce !== undefined) await announceLanding(announce, record)
      return { record, keys }
    },
  }
}

/** XADD the record onto the instrument's rawLanded stream (field `data`), as the watcher reads it. */
export async function announceLanding(redis: RedisHandle, record: ExposureRecord): Promise<string | null> {
  const stream = redis.keys.key('rawLanded', { instrument: record.instrument })
  return (await xaddJson(redis.client, stream, record, redisKeyMaxLength('rawLanded'))) as string | null
}
