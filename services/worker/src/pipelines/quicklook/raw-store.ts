// ----------------------------------------------------------------------------
// RawStore over a directory (file:///dir/) or an S3 raw bucket (s3://bucket/
// prefix/), laid out as the contract's rawImage/rawRecord keys. The payload
// carries only the exposure id, so the worker finds the ExposureRecord itself:
// the record beside the raws (rawRecord key) is the butler-registry stand-in
// the head node also saw. The id alone cannot name the controller after the
// counters were unified (parseExposureId lists the candidates), so each is tried.
// ----------------------------------------------------------------------------
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { S3Client } from '@aws-sdk/client-s3'
import {
  buildS3Key,
  type ExposureRecord,
  formatIssues,
  type Instrument,
  obsId,
  parseExposureId,
  type S3KeySpec,
} from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'
import { readObject } from '@rubin/ra-runtime'
import type { RawLocation, RawStore } from './deps.ts'

export class RawStoreError extends Error {
  readonly code: 'RA_WORKER_RAW_URI_INVALID' | 'RA_WORKER_RAW_RECORD_INVALID'
  constructor(code: RawStoreError['code'], message: string) {
    super(message)
    this.name = 'RawStoreError'
    this.code = code
  }
}

/** Where bytes live: a local directory or an S3 bucket + prefix (both ending in '/'). */
type Root = { readonly kind: 'file'; readonly dir: string } | { readonly kind: 's3'; bucket: string; prefix: string }

export function parseRawUri(uri: string): Root {
  if (uri.startsWith('file://')) return { kind: 'file', dir: fileURLToPath(uri) }
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri)
  if (s3 !== null) {
    const prefix = s3[2] ?? ''
    return {
      kind: 's3',
      bucket: s3[1] as string,
      prefix: prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`,
    }
  }
  throw new RawStoreError(
    'RA_WORKER_RAW_URI_INVALID',
    `raw location '${uri}' must be file:///dir/ or s3://bucket/prefix/ (set RA_RAW_URI or the record's rawUri)`,
  )
}

function keyOf(spec: S3KeySpec): string {
  const built = buildS3Key(spec)
  if (!built.ok) throw new RawStoreError('RA_WORKER_RAW_RECORD_INVALID', formatIssues(built.issues))
  return built.value
}

const lastSegment = (key: string) => key.slice(key.lastIndexOf('/') + 1)

async function readAt(root: Root, s3: S3Client | undefined, relative: string): Promise<Uint8Array | undefined> {
  if (root.kind === 'file') {
    try {
      return new Uint8Array(await readFile(join(root.dir, relative)))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
  }
  if (s3 === undefined) {
    throw new RawStoreError('RA_WORKER_RAW_URI_INVALID', `raw location s3://${root.bucket}/ needs an S3 client`)
  }
  return (await readObject(s3, root.bucket, `${root.prefix}${relative}`))?.body
}

export function createRawStore(rootUri: string, s3?: S3Client): RawStore {
  const root = parseRawUri(rootUri.endsWith('/') ? rootUri : `${rootUri}/`)
  return {
    describe: rootUri,
    async exposureRecord(instrument: Instrument, exposureId: number): Promise<ExposureRecord | undefined> {
      const parsed = parseExposureId(exposureId)
      if (!parsed.ok) throw new RawStoreError('RA_WORKER_RAW_RECORD_INVALID', formatIssues(parsed.issues))
      const { dayObs, seqNum, possibleControllers } = parsed.value
      for (const controller of possibleControllers) {
        const id = obsId({ instrument, controller, dayObs, seqNum })
        if (!id.ok) continue
        const bytes = await readAt(root, s3, keyOf({ kind: 'rawRecord', instrument, dayObs, obsId: id.value }))
        if (bytes === undefined) continue
        const message = parseMessage('ExposureRecord', new TextDecoder().decode(bytes))
        if (!message.ok) {
          throw new RawStoreError(
            'RA_WORKER_RAW_RECORD_INVALID',
            `exposure record ${id.value} is not an ExposureRecord: ${formatIssues(message.issues)}`,
          )
        }
        return message.value
      }
      return undefined
    },
    async rawImage(location: RawLocation, detectorName: string): Promise<Uint8Array | undefined> {
      const key = keyOf({
        kind: 'rawImage',
        instrument: location.instrument,
        dayObs: location.dayObs,
        obsId: location.obsId,
        detectorName,
      })
      // The record's rawUri is the exposure's own folder: the file name is the key's last segment.
      if (location.rawUri !== undefined) return readAt(parseRawUri(location.rawUri), s3, lastSegment(key))
      return readAt(root, s3, key)
    },
  }
}
