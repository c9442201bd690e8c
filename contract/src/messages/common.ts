// Small shared schema pieces. Each is registered by name in ../schemas.ts so that
// codegen emits it once under $defs and every message refers to it by $ref.
import { Type } from '@sinclair/typebox'

/** ISO-8601 instant in UTC with a Z suffix. A pattern, not `format`, so validators need no format plug-ins. */
export const UtcTime = Type.String({
  title: 'UtcTime',
  description: 'An ISO-8601 instant in UTC, e.g. 2025-12-03T04:05:06.789Z.',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$',
})

export const SeqNum = Type.Integer({
  title: 'SeqNum',
  description: 'Per-day exposure counter (seq_num), 1..999999 (RubinTV keys pad it to 6 digits).',
  minimum: 1,
  maximum: 999999,
})

export const KeySeq = Type.Integer({
  title: 'KeySeq',
  description: 'A seq as product keys and tables use it: 0..999999 (TMA events count from 0).',
  minimum: 0,
  maximum: 999999,
})

export const ExposureId = Type.Integer({
  title: 'ExposureId',
  description: 'Exposure id (= visit id): YYYYMMDD followed by seq_num padded to 5 digits, plus a controller offset.',
  minimum: 0,
  maximum: 9999999999999,
})

export const DetectorId = Type.Integer({
  title: 'DetectorId',
  description: 'Detector id within its instrument (LSSTCam 0..204, ComCam 0..8, LATISS 0).',
  minimum: 0,
  maximum: 204,
})

export const WorkerIdString = Type.String({
  title: 'WorkerId',
  description: 'A worker identity, {FLAVOUR}-{instrument}-{depth:03}[-{detector:03}], e.g. SFM_WORKER-LSSTCam-000-094.',
  pattern: '^[A-Z0-9_]+-[A-Za-z0-9]+(-\\d{3}){0,2}$',
})

export const PayloadId = Type.String({
  title: 'PayloadId',
  description: 'Unique id of one payload; the key of its claim record and of idempotent retries.',
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:+_-]{0,127}$',
})

export const ProcessingId = Type.String({
  title: 'ProcessingId',
  description: 'What a completion record counts: an exposure or visit id, or sorted ids joined by + for pairs.',
  pattern: '^\\d+(\\+\\d+)*$',
})
