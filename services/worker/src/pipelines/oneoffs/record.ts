// The exposure a one-off payload is about, as the ExposureRecord stored beside its raws
// (the payload carries only the exposure id).
import type { ExposureRecord, ProcessPayload } from '@rubin/ra-contract'
import type { QuicklookDeps } from '../quicklook/deps.ts'
import { OneOffError } from './errors.ts'

/** The exposure (or visit) id of a payload's first data id. */
export function exposureIdOf(payload: ProcessPayload, instrument: string): number {
  const first = payload.dataIds[0]
  const id = first?.exposure ?? first?.visit
  if (id === undefined) {
    throw new OneOffError(
      'RA_ONEOFF_BAD_PAYLOAD',
      `payload ${payload.payloadId} has no exposure or visit in its data ids`,
    )
  }
  if (payload.instrument !== instrument) {
    throw new OneOffError(
      'RA_ONEOFF_BAD_PAYLOAD',
      `payload ${payload.payloadId} is for ${payload.instrument}, this worker serves ${instrument}`,
    )
  }
  return id
}

export async function recordOf(
  deps: Pick<QuicklookDeps, 'raws' | 'instrument'>,
  payload: ProcessPayload,
): Promise<ExposureRecord> {
  const id = exposureIdOf(payload, deps.instrument)
  const record = await deps.raws.exposureRecord(deps.instrument, id)
  if (record === undefined) {
    throw new OneOffError(
      'RA_ONEOFF_NO_RECORD',
      `no exposure record for ${deps.instrument} exposure ${id} in ${deps.raws.describe}: has the raw landed there?`,
    )
  }
  return record
}
