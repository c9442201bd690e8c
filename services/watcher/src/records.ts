// ----------------------------------------------------------------------------
// Reading an ExposureRecord from any source: JSON, the contract schema (read
// tolerantly), this watcher's instrument, and an id that agrees with its own
// dayObs, seqNum and controller (the id is the dedupe key, so a wrong one would
// either swallow another exposure or announce this one twice). When the record
// came from a rawRecord key, the key's obsId and dayObs must match too.
// ----------------------------------------------------------------------------
import { type ExposureRecord, exposureId, fail, type Instrument, issue, ok, type Result } from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'

export interface RecordExpectation {
  readonly instrument: Instrument
  /** From a rawRecord key: the record must describe this exposure. */
  readonly obsId?: string
  readonly dayObs?: number
}

export function parseExposureRecord(text: string | undefined, expect: RecordExpectation): Result<ExposureRecord> {
  if (text === undefined) return fail(issue('', 'no record: the entry has no data field'))
  const parsed = parseMessage('ExposureRecord', text)
  if (!parsed.ok) return parsed
  const record = parsed.value as ExposureRecord
  if (record.instrument !== expect.instrument) {
    return fail(
      issue('/instrument', `record is for ${record.instrument}; this watcher announces ${expect.instrument}`, {
        expected: expect.instrument,
        received: record.instrument,
      }),
    )
  }
  const id = exposureId({ dayObs: record.dayObs, seqNum: record.seqNum, controller: record.controller })
  if (!id.ok) return fail(...id.issues)
  if (id.value !== record.exposureId) {
    return fail(
      issue('/exposureId', `exposureId ${record.exposureId} does not match dayObs, seqNum and controller`, {
        expected: String(id.value),
        received: record.exposureId,
      }),
    )
  }
  if (expect.obsId !== undefined && record.obsId !== expect.obsId) {
    return fail(
      issue('/obsId', `record names ${record.obsId} but sits at the key of ${expect.obsId}`, {
        expected: expect.obsId,
        received: record.obsId,
      }),
    )
  }
  if (expect.dayObs !== undefined && record.dayObs !== expect.dayObs) {
    return fail(
      issue('/dayObs', `record has dayObs ${record.dayObs} but sits under ${expect.dayObs}`, {
        expected: String(expect.dayObs),
        received: record.dayObs,
      }),
    )
  }
  return ok(record)
}
