// ----------------------------------------------------------------------------
// S3 keys through the contract only: the prefixes we list are derived from the
// contract's key builder (never spelled here), and every key we list, notify
// about or serve is parsed with the contract first.
// ----------------------------------------------------------------------------
import {
  buildS3Key,
  type Camera,
  type DayObs,
  type Location,
  type ParsedS3Key,
  parseS3Key,
  REGISTERED_CHANNELS_ONLY,
  type RubinTvProduct,
} from '@rubin/ra-contract'

/** The kinds RubinTV shows (event and per-day products, metadata, night reports). */
export type ShownKey = Extract<
  ParsedS3Key,
  { kind: 'event' | 'final' | 'metadata' | 'nightReportText' | 'nightReportPlot' }
>

function metadataKey(camera: Camera, dayObs: DayObs): string {
  const key = buildS3Key({ kind: 'metadata', camera, dayObs })
  if (!key.ok) throw new Error(`contract refused the metadata key of ${camera} ${dayObs}`)
  return key.value
}

/** `{camera}/{date}/`: everything of one camera-day, derived from the metadata key's folder. */
export function dayPrefix(camera: Camera, dayObs: DayObs): string {
  const key = metadataKey(camera, dayObs)
  return key.slice(0, key.lastIndexOf('/') + 1)
}

/** `{camera}/`: the folder whose sub-folders are the camera's days. */
export function cameraPrefix(camera: Camera): string {
  const day = dayPrefix(camera, 20000101)
  return day.slice(0, day.indexOf('/') + 1)
}

export { metadataKey }

/** A key RubinTV may show: parsed by the contract (registered channels only), else undefined. */
export function parseShownKey(key: string): ShownKey | undefined {
  const parsed = parseS3Key(key, REGISTERED_CHANNELS_ONLY)
  if (!parsed.ok) return undefined
  const v = parsed.value
  return v.kind === 'event' ||
    v.kind === 'final' ||
    v.kind === 'metadata' ||
    v.kind === 'nightReportText' ||
    v.kind === 'nightReportPlot'
    ? v
    : undefined
}

/** Where the browser fetches an object: our media route, which re-parses the key. */
export function mediaUrl(location: Location, key: string): string {
  return `/media/${location}/${key.split('/').map(encodeURIComponent).join('/')}`
}

export function productOf(
  location: Location,
  key: string,
  parsed: Extract<ShownKey, { kind: 'event' | 'final' }>,
  extra: { etag?: string | undefined; size?: number | undefined } = {},
): RubinTvProduct {
  return {
    key,
    camera: parsed.camera,
    channel: parsed.channel,
    dayObs: parsed.dayObs,
    seq: parsed.kind === 'final' ? 'final' : parsed.seq,
    ext: parsed.ext,
    url: mediaUrl(location, key),
    ...(extra.etag ? { etag: extra.etag } : {}),
    ...(extra.size === undefined ? {} : { size: extra.size }),
  }
}
