// The few S3 XML documents the server answers with, written by hand: they are flat,
// and a generic XML library would add a dependency for five templates.
import type { ListResult, ObjectMeta } from './store.ts'

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/'

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`)
}

const el = (name: string, value: string | number | boolean) => `<${name}>${escapeXml(String(value))}</${name}>`
const doc = (root: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_NS}">${body}</${root}>`

export function errorXml(code: string, message: string, resource: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${el('Code', code)}${el('Message', message)}${el('Resource', resource)}${el('RequestId', requestId)}</Error>`
}

export function listBucketsXml(buckets: readonly { name: string; created: string }[]): string {
  const items = buckets.map((b) => `<Bucket>${el('Name', b.name)}${el('CreationDate', b.created)}</Bucket>`).join('')
  return doc(
    'ListAllMyBucketsResult',
    `<Owner>${el('ID', 'ra')}${el('DisplayName', 'ra')}</Owner><Buckets>${items}</Buckets>`,
  )
}

const contentsXml = (o: ObjectMeta, encode: (s: string) => string) =>
  `<Contents>${el('Key', encode(o.key))}${el('LastModified', o.lastModified)}${el('ETag', `"${o.etag}"`)}${el('Size', o.size)}${el('StorageClass', 'STANDARD')}</Contents>`

export interface ListV2Echo {
  readonly bucket: string
  readonly prefix: string
  readonly delimiter: string
  readonly maxKeys: number
  readonly startAfter: string | undefined
  readonly continuationToken: string | undefined
  readonly nextContinuationToken: string | undefined
  readonly encodingType: 'url' | undefined
}

export function listObjectsV2Xml(result: ListResult, echo: ListV2Echo): string {
  const encode = echo.encodingType === 'url' ? encodeURIComponent : (s: string) => s
  const parts = [
    el('Name', echo.bucket),
    el('Prefix', encode(echo.prefix)),
    echo.delimiter ? el('Delimiter', encode(echo.delimiter)) : '',
    el('MaxKeys', echo.maxKeys),
    el('KeyCount', result.objects.length + result.commonPrefixes.length),
    el('IsTruncated', result.truncated),
    echo.encodingType ? el('EncodingType', echo.encodingType) : '',
    echo.startAfter !== undefined ? el('StartAfter', encode(echo.startAfter)) : '',
    echo.continuationToken !== undefined ? el('ContinuationToken', echo.continuationToken) : '',
    echo.nextContinuationToken !== undefined ? el('NextContinuationToken', echo.nextContinuationToken) : '',
    ...result.objects.map((o) => contentsXml(o, encode)),
    ...result.commonPrefixes.map((p) => `<CommonPrefixes>${el('Prefix', encode(p))}</CommonPrefixes>`),
  ]
  return doc('ListBucketResult', parts.join(''))
}

export function listObjectsV1Xml(
  result: ListResult,
  echo: { bucket: string; prefix: string; delimiter: string; maxKeys: number; marker: string },
): string {
  const parts = [
    el('Name', echo.bucket),
    el('Prefix', echo.prefix),
    el('Marker', echo.marker),
    echo.delimiter ? el('Delimiter', echo.delimiter) : '',
    el('MaxKeys', echo.maxKeys),
    el('IsTruncated', result.truncated),
    result.truncated && result.last !== undefined ? el('NextMarker', result.last) : '',
    ...result.objects.map((o) => contentsXml(o, (s) => s)),
    ...result.commonPrefixes.map((p) => `<CommonPrefixes>${el('Prefix', p)}</CommonPrefixes>`),
  ]
  return doc('ListBucketResult', parts.join(''))
}

export function copyObjectXml(meta: ObjectMeta): string {
  return doc('CopyObjectResult', `${el('LastModified', meta.lastModified)}${el('ETag', `"${meta.etag}"`)}`)
}

export function deleteResultXml(deleted: readonly string[]): string {
  return doc('DeleteResult', deleted.map((k) => `<Deleted>${el('Key', k)}</Deleted>`).join(''))
}

/** The keys of a DeleteObjects request body (`<Delete><Object><Key>…</Key></Object>…</Delete>`). */
export function parseDeleteKeys(xml: string): string[] {
  const decodeEntities = (s: string) =>
    s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
      if (named[e] !== undefined) return named[e]
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
    })
  return [...xml.matchAll(/<Key>([\s\S]*?)<\/Key>/g)].map((m) => decodeEntities(m[1] as string))
}
