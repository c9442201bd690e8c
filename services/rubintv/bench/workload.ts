// ----------------------------------------------------------------------------
// The display benchmark's workload, shaped like USDF: the locations RubinTV's
// usdf-k8s site shows (from the contract's registry), every camera of each (31
// camera prefixes), a busy camera-day of `dayExposures` exposures with a
// realistic metadata.json, and a few products on every other camera. Products
// are written exactly as RA writes them: S3 + ObjectWritten, by the runtime's
// ProductStore.
// ----------------------------------------------------------------------------
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import {
  buildS3Key,
  type Camera,
  camerasAt,
  channelsOf,
  type DayObs,
  LOCATIONS,
  type Location,
  locationsFor,
  type MetadataRow,
  type MetadataTable,
  type S3KeySpec,
} from '@rubin/ra-contract'

/** One camera prefix of the deployment: a camera shown at a location, and a per-seq channel if it has one. */
export interface Pair {
  readonly location: Location
  readonly camera: Camera
  readonly bucket: string
  readonly channel: string | undefined
}

/** The locations and camera prefixes RubinTV at USDF shows, from the registry. */
export function usdfPairs(): { locations: readonly Location[]; pairs: Pair[] } {
  const locations = locationsFor('usdf-k8s')
  const pairs: Pair[] = []
  for (const location of locations) {
    for (const camera of camerasAt(location)) {
      const channel = channelsOf(camera).find((c) => !c.perDay)?.name
      pairs.push({ location, camera, bucket: LOCATIONS[location].bucket, channel })
    }
  }
  return { locations, pairs }
}

export function keyOf(spec: S3KeySpec): string {
  const key = buildS3Key(spec)
  if (!key.ok) throw new Error(`contract refused a benchmark key: ${JSON.stringify(key.issues)}`)
  return key.value
}

export function eventKey(pair: Pair, dayObs: DayObs, seq: number): string {
  if (pair.channel === undefined) throw new Error(`${pair.camera} has no per-seq channel`)
  return keyOf({ kind: 'event', camera: pair.camera, channel: pair.channel, dayObs, seq, ext: 'jpg' })
}

/** A small JPEG-sized body: the bytes do not matter to the display path, only their existence. */
export const PRODUCT_BODY = Buffer.alloc(2048, 7)

const FILTERS = ['u_24', 'g_6', 'r_57', 'i_39', 'z_20', 'y_10']

/** A metadata row like LSSTCam's at USDF (~40 cells: header values, quicklook figures, flags). */
export function metadataRow(seq: number): MetadataRow {
  const f = FILTERS[seq % FILTERS.length] as string
  const row: MetadataRow = {
    'Exposure time': 30,
    'Dark time': 30.4 + (seq % 7) / 10,
    'Image type': seq % 10 === 0 ? 'FLAT' : 'SCIENCE',
    'Observation reason': 'survey_fields',
    'Science program': 'BLOCK-365',
    Filter: f,
    _Filter: seq % 13 === 0 ? 'r_color' : 'normal',
    'Date begin': `2026-01-01T0${seq % 10}:00:00.000`,
    MJD: 61041.1 + seq / 1000,
    RA: (seq * 1.37) % 360,
    Dec: -30 + (seq % 50) / 3,
    Azimuth: (seq * 2.1) % 360,
    Altitude: 40 + (seq % 40),
    Airmass: 1 + (seq % 30) / 50,
    'Rotator angle': (seq % 90) - 45,
    'Focus Z': -0.2 + (seq % 9) / 100,
    'Dome temperature': 11.2,
    Humidity: 23.5,
    'Wind speed': 4.2 + (seq % 5),
    Seeing: 0.7 + (seq % 11) / 20,
    'PSF FWHM': 0.8 + (seq % 17) / 40,
    'PSF e1': ((seq % 9) - 4) / 100,
    'PSF e2': ((seq % 7) - 3) / 100,
    'Sky mean': 1200 + (seq % 300),
    'Sky RMS': 36 + (seq % 10) / 3,
    Variance: 1300 + (seq % 200),
    Zeropoint: 28.1 + (seq % 5) / 50,
    'Num sources': 15_000 + seq * 7,
    'Astrometric bias': (seq % 5) / 100,
    'Photometric bias': (seq % 3) / 100,
    'Visit ID': 2026010100000 + seq,
    'Group ID': `2026-01-01T0${seq % 10}:00:00.000`,
    'Tracking mode': 'RADEC',
    'Shutter time': 30.02,
    'CCD temperature': -102.4,
    'Camera state': 'READY',
    'Exposure log entries': { DISPLAY_VALUE: '📖', message: `seq ${seq} ok`, level: 'info' },
  }
  return row
}

export function dayTable(exposures: number): MetadataTable {
  const table: MetadataTable = {}
  for (let seq = 1; seq <= exposures; seq++) table[String(seq)] = metadataRow(seq)
  return table
}

/** Bounded parallel S3 writes with no notification (the day as it was before the bench starts). */
export async function prefill(
  s3: S3Client,
  writes: readonly { bucket: string; key: string; body: Uint8Array | string }[],
  concurrency = 16,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < writes.length) {
      const w = writes[next++] as (typeof writes)[number]
      await s3.send(new PutObjectCommand({ Bucket: w.bucket, Key: w.key, Body: w.body }))
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}
