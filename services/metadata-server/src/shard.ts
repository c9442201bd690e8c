// ----------------------------------------------------------------------------
// A metadataShards entry → a MetadataShard ready to merge, or the reason it is
// refused (a dead letter with a stable code). Beyond the contract's schema:
// the dayObs must be a real date, `_<column>` flags must be one of RubinTV's
// cell classes (or null to clear one) and `@<channel>` placeholders text (or null).
// ----------------------------------------------------------------------------
import {
  CELL_FLAGS,
  FLAG_PREFIX,
  formatIssues,
  type MetadataShard,
  PLACEHOLDER_PREFIX,
  parseDayObs,
} from '@rubin/ra-contract'
import { validateReceived } from '@rubin/ra-contract/validate'
import { parseLenientJson } from './lenient-json.ts'
import { sanitizeRow } from './sanitize.ts'

export const SHARD_ERRORS = {
  missing: 'RA_METADATA_SHARD_MISSING',
  notJson: 'RA_METADATA_SHARD_NOT_JSON',
  invalid: 'RA_METADATA_SHARD_INVALID',
  flag: 'RA_METADATA_FLAG_INVALID',
  placeholder: 'RA_METADATA_PLACEHOLDER_INVALID',
} as const
export type ShardErrorCode = (typeof SHARD_ERRORS)[keyof typeof SHARD_ERRORS]

export type ShardResult =
  | { readonly ok: true; readonly shard: MetadataShard }
  | { readonly ok: false; readonly code: ShardErrorCode; readonly reason: string }

const CHANNEL = /^\w+$/
// The contract's seq key: decimal without padding, 0..999999 (a tolerant reader lets other keys through).
const SEQ_KEY = /^(0|[1-9][0-9]{0,5})$/
const FLAGS: readonly unknown[] = CELL_FLAGS

function labelProblems(shard: MetadataShard): { code: ShardErrorCode; reason: string } | undefined {
  for (const [seq, row] of Object.entries(shard.rows)) {
    for (const [key, value] of Object.entries(row)) {
      if (key.startsWith(FLAG_PREFIX)) {
        if (key.length === FLAG_PREFIX.length) {
          return { code: SHARD_ERRORS.flag, reason: `row ${seq}: a flag key must name its column ('_Filter'); got '_'` }
        }
        if (value !== null && !FLAGS.includes(value)) {
          const reason = `row ${seq}: flag '${key}' must be one of ${CELL_FLAGS.join(', ')} (or null to clear it); got ${JSON.stringify(value)}`
          return { code: SHARD_ERRORS.flag, reason }
        }
      } else if (key.startsWith(PLACEHOLDER_PREFIX)) {
        const channel = key.slice(PLACEHOLDER_PREFIX.length)
        if (!CHANNEL.test(channel)) {
          const reason = `row ${seq}: placeholder '${key}' must be '@' followed by a channel name (letters, digits, _)`
          return { code: SHARD_ERRORS.placeholder, reason }
        }
        if (value !== null && typeof value !== 'string') {
          const reason = `row ${seq}: placeholder '${key}' must be text or an emoji (or null); got ${JSON.stringify(value)}`
          return { code: SHARD_ERRORS.placeholder, reason }
        }
      }
    }
  }
  return undefined
}

/** Parse, validate and sanitize one stream entry's `data` field. */
export function readShard(text: string | undefined): ShardResult {
  if (text === undefined) {
    return { ok: false, code: SHARD_ERRORS.missing, reason: 'the entry has no data field: write shards with xaddJson' }
  }
  let value: unknown
  try {
    value = parseLenientJson(text)
  } catch (error) {
    return { ok: false, code: SHARD_ERRORS.notJson, reason: `not JSON: ${(error as Error).message}` }
  }
  const checked = validateReceived('MetadataShard', value)
  if (!checked.ok) {
    return { ok: false, code: SHARD_ERRORS.invalid, reason: `not a MetadataShard: ${formatIssues(checked.issues)}` }
  }
  const day = parseDayObs(checked.value.dayObs, '/dayObs')
  if (!day.ok) return { ok: false, code: SHARD_ERRORS.invalid, reason: formatIssues(day.issues) }
  const badSeq = Object.keys(checked.value.rows).find((seq) => !SEQ_KEY.test(seq))
  if (badSeq !== undefined) {
    const reason = `row key '${badSeq}' must be a seq_num as a decimal without padding, 0..999999 (e.g. '226')`
    return { ok: false, code: SHARD_ERRORS.invalid, reason }
  }
  const labels = labelProblems(checked.value)
  if (labels) return { ok: false, ...labels }
  const rows: MetadataShard['rows'] = {}
  for (const [seq, row] of Object.entries(checked.value.rows)) rows[seq] = sanitizeRow(row)
  return { ok: true, shard: { ...checked.value, rows } }
}
