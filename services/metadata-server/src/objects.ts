// ----------------------------------------------------------------------------
// Where merged tables live: the camera-day metadata.json objects in S3. An
// interface so the merge logic can be unit-tested without S3; the S3 one uses
// the runtime's client (path-style, checksums only when required).
// ----------------------------------------------------------------------------
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { readObject } from '@rubin/ra-runtime'

export interface TableObjects {
  /** The object's text, or undefined when there is none yet. Throws when S3 does not answer. */
  read(key: string): Promise<string | undefined>
  /** Write the whole table; returns the ETag (without quotes) when S3 gives one. */
  write(key: string, body: string): Promise<{ readonly etag?: string }>
  readonly description: string
}

const JSON_TYPE = 'application/json'

export function s3TableObjects(s3: S3Client, bucket: string, endpoint: string): TableObjects {
  return {
    description: `s3://${bucket} at ${endpoint || 'AWS'}`,
    async read(key) {
      const got = await readObject(s3, bucket, key)
      return got === undefined ? undefined : new TextDecoder().decode(got.body)
    },
    async write(key, body) {
      const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: JSON_TYPE }))
      const etag = put.ETag?.replaceAll('"', '')
      return etag ? { etag } : {}
    },
  }
}
