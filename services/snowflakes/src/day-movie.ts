// ----------------------------------------------------------------------------
// The day movie: every focal_plane_mosaic JPEG of one camera-day, in seq order,
// encoded as an H.264 mp4 and uploaded under the contract's per-day `final` key
// (`{camera}/{date}/day_movie/final/…_final.mp4`). Callable on its own (tests,
// the on-demand route) and by the service's daily timer.
// ----------------------------------------------------------------------------
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { buildS3Key, type Camera, type DayObs, parseS3Key } from '@rubin/ra-contract'
import { encodeMovie } from '@rubin/ra-products'
import { type ProductStore, readObject } from '@rubin/ra-runtime'
import type { DayMovieChannels } from './channels.ts'
import { SnowflakesError } from './errors.ts'

export interface DayMovieOptions {
  readonly s3: S3Client
  readonly bucket: string
  readonly products: Pick<ProductStore, 'put'>
  readonly channels: DayMovieChannels
  readonly dayObs: DayObs
  readonly fps?: number
}

export interface DayMovieResult {
  readonly key: string
  readonly frames: number
  readonly seqs: readonly number[]
  readonly width: number
  readonly height: number
}

function keyOf(spec: Parameters<typeof buildS3Key>[0]): string {
  const built = buildS3Key(spec)
  if (!built.ok) throw new Error(`cannot build key: ${built.issues.map((i) => i.message).join('; ')}`)
  return built.value
}

/** The listing prefix of a channel-day: the event key's first three segments (camera/date/channel/). */
export function channelDayPrefix(camera: Camera, channel: string, dayObs: DayObs): string {
  const sample = keyOf({ kind: 'event', camera, channel, dayObs, seq: 0, ext: 'jpg' })
  return `${sample.split('/').slice(0, 3).join('/')}/`
}

/** The source JPEG keys of the day, in seq order (other kinds and extensions under the prefix are ignored). */
export async function sourceFrames(
  s3: S3Client,
  bucket: string,
  channels: DayMovieChannels,
  dayObs: DayObs,
): Promise<{ key: string; seq: number }[]> {
  const prefix = channelDayPrefix(channels.camera, channels.source, dayObs)
  const found: { key: string; seq: number }[] = []
  let token: string | undefined
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }))
    for (const object of page.Contents ?? []) {
      const parsed = object.Key === undefined ? undefined : parseS3Key(object.Key)
      if (parsed?.ok && parsed.value.kind === 'event' && parsed.value.ext === 'jpg' && object.Key !== undefined) {
        found.push({ key: object.Key, seq: parsed.value.seq })
      }
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token !== undefined)
  return found.sort((a, b) => a.seq - b.seq)
}

export async function makeDayMovie(options: DayMovieOptions): Promise<DayMovieResult> {
  const { s3, bucket, channels, dayObs } = options
  const sources = await sourceFrames(s3, bucket, channels, dayObs)
  const frames: Uint8Array[] = []
  const seqs: number[] = []
  for (const source of sources) {
    const object = await readObject(s3, bucket, source.key)
    if (object === undefined || object.body.length === 0) continue // deleted since the listing
    frames.push(object.body)
    seqs.push(source.seq)
  }
  if (frames.length === 0) {
    throw new SnowflakesError(
      'RA_SNOWFLAKES_NO_FRAMES',
      `no ${channels.camera}/${channels.source} images for day_obs ${dayObs} under ${channelDayPrefix(channels.camera, channels.source, dayObs)}`,
    )
  }
  const movie = await encodeMovie(frames, { fps: options.fps ?? 10 })
  const key = keyOf({ kind: 'final', camera: channels.camera, channel: channels.movie, dayObs, ext: movie.ext })
  await options.products.put({ key, body: movie.bytes, contentType: movie.mimeType })
  return { key, frames: frames.length, seqs, width: movie.width, height: movie.height }
}
