// ----------------------------------------------------------------------------
// S3 for every service: settings from the environment and a client configured
// the way S3-compatible servers (Ceph RGW at the sites, our embedded server on
// one machine) need: path-style addressing, and request/response checksums only
// where S3 requires them (AWS SDK ≥ 3.729 adds CRC32 by default, which several
// S3-compatible servers reject).
// ----------------------------------------------------------------------------
import { GetObjectCommand, NoSuchKey, S3Client, S3ServiceException } from '@aws-sdk/client-s3'
import { type Static, Type } from '@sinclair/typebox'

export const S3Config = Type.Object({
  RA_S3_ENDPOINT: Type.String({
    default: '',
    description: 'S3 endpoint URL, e.g. http://127.0.0.1:9000; empty for AWS itself',
  }),
  RA_S3_REGION: Type.String({ default: 'us-east-1', description: 'S3 region (any value for Ceph/local)' }),
  RA_S3_ACCESS_KEY_ID: Type.String({ default: 'ra', description: 'S3 access key id (from a Secret at the sites)' }),
  RA_S3_SECRET_ACCESS_KEY: Type.String({
    default: 'ra',
    description: 'S3 secret access key (from a Secret at the sites)',
  }),
  RA_S3_BUCKET: Type.String({
    default: 'rubintv',
    minLength: 3,
    description: 'the bucket RubinTV reads products from',
  }),
})
export type S3Config = Static<typeof S3Config>

export interface S3Settings {
  readonly endpoint?: string
  readonly region?: string
  readonly accessKeyId?: string
  readonly secretAccessKey?: string
  /** SDK attempts per request (default 3); stores with their own retry use 1. */
  readonly maxAttempts?: number
}

export function s3SettingsFrom(config: S3Config): S3Settings {
  return {
    ...(config.RA_S3_ENDPOINT ? { endpoint: config.RA_S3_ENDPOINT } : {}),
    region: config.RA_S3_REGION,
    accessKeyId: config.RA_S3_ACCESS_KEY_ID,
    secretAccessKey: config.RA_S3_SECRET_ACCESS_KEY,
  }
}

export function createS3Client(settings: S3Settings = {}): S3Client {
  return new S3Client({
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    region: settings.region ?? 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId ?? 'ra', secretAccessKey: settings.secretAccessKey ?? 'ra' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: settings.maxAttempts ?? 3,
  })
}

/** The object's bytes, or undefined when there is no such key. Other errors are thrown. */
export async function readObject(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<{ body: Uint8Array; etag: string | undefined } | undefined> {
  try {
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    return { body: (await got.Body?.transformToByteArray()) ?? new Uint8Array(), etag: got.ETag }
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined
    if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return undefined
    throw error
  }
}
