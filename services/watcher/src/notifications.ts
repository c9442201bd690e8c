// ----------------------------------------------------------------------------
// From an S3/Ceph bucket notification to the rawRecord keys it announces for
// one instrument. Object keys arrive URL-encoded (spaces as '+'); only
// ObjectCreated events whose decoded key parses, with the contract, as a
// rawRecord of this instrument are of interest. Raw images, other instruments'
// records and deletions are someone else's business and are skipped quietly.
// ----------------------------------------------------------------------------
import { type BucketNotification, type Instrument, parseS3Key, type Result } from '@rubin/ra-contract'
import { validateReceived } from '@rubin/ra-contract/validate'

export interface RecordKey {
  readonly key: string
  readonly obsId: string
  readonly dayObs: number
}

export interface NotificationKeys {
  readonly records: readonly RecordKey[]
  /** Records of no interest here (other kinds, other instruments, other events). */
  readonly ignored: number
  /** Keys that could not even be decoded. */
  readonly undecodable: readonly string[]
}

export function parseNotification(body: string): Result<BucketNotification> {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `not JSON: ${(error as Error).message}` }] }
  }
  return validateReceived('BucketNotification', value) as Result<BucketNotification>
}

export function decodeObjectKey(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw.replace(/\+/g, '%20'))
  } catch {
    return undefined
  }
}

export function recordKeysOf(notification: BucketNotification, instrument: Instrument): NotificationKeys {
  const records: RecordKey[] = []
  const undecodable: string[] = []
  let ignored = 0
  const seen = new Set<string>()
  for (const record of notification.Records) {
    if (!/ObjectCreated/.test(record.eventName)) {
      ignored++
      continue
    }
    const key = decodeObjectKey(record.s3.object.key)
    if (key === undefined) {
      undecodable.push(record.s3.object.key)
      continue
    }
    const parsed = parseS3Key(key)
    if (!parsed.ok || parsed.value.kind !== 'rawRecord' || parsed.value.instrument !== instrument) {
      ignored++
      continue
    }
    // One notification may name the same object twice (a retried multipart upload).
    if (seen.has(key)) continue
    seen.add(key)
    records.push({ key, obsId: parsed.value.obsId, dayObs: parsed.value.dayObs })
  }
  return { records, ignored, undecodable }
}
