// ----------------------------------------------------------------------------
// Product bytes for the browser. Every key is parsed with the contract first and
// must be a kind RubinTV shows, of a camera shown at the location (404
// otherwise), so this route can never be used to read arbitrary bucket keys.
// Range requests pass through to S3, which is what lets a video seek.
// ----------------------------------------------------------------------------
import type { Location } from '@rubin/ra-contract'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { indexedCameras } from '../discovery/catalog.ts'
import { parseShownKey } from '../keys.ts'
import type { Bucket } from '../s3.ts'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  webm: 'video/webm',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  html: 'text/plain; charset=utf-8',
}

const RANGE = /^bytes=\d*-\d*$/

export async function serveMedia(
  request: FastifyRequest<{ Params: { location: string; '*': string } }>,
  reply: FastifyReply,
  buckets: ReadonlyMap<Location, Bucket>,
): Promise<FastifyReply> {
  const location = request.params.location as Location
  const bucket = buckets.get(location)
  const key = request.params['*']
  const parsed = parseShownKey(key)
  if (bucket === undefined || parsed === undefined || !indexedCameras(location).includes(parsed.camera)) {
    return reply.code(404).send({ code: 'RUBINTV_NOT_FOUND', message: 'no such product' })
  }
  const range = request.headers.range
  const read = await bucket.get(key, typeof range === 'string' && RANGE.test(range) ? range : undefined)
  if (read === undefined) return reply.code(404).send({ code: 'RUBINTV_NOT_FOUND', message: 'no such product' })
  const ext = 'ext' in parsed ? parsed.ext : 'json'
  reply
    .header('content-type', CONTENT_TYPES[ext.toLowerCase()] ?? 'application/octet-stream')
    .header('accept-ranges', 'bytes')
    // Producer files are shown, never run: no sniffing, and SVG or HTML cannot script our origin.
    .header('content-security-policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox")
    .header('cache-control', 'private, max-age=60')
  if (read.etag !== undefined) reply.header('etag', `"${read.etag}"`)
  if (read.size !== undefined) reply.header('content-length', String(read.size))
  if (read.contentRange !== undefined) reply.code(206).header('content-range', read.contentRange)
  return reply.send(read.body)
}
