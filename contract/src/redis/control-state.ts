// ----------------------------------------------------------------------------
// The control-state hash (redisKey('controlState')): the control values in
// effect, written by their consumer after applying a command, and the dispatch
// state the time modes, MURDEROUS workers and the FAM-pair guard need. All
// values are strings in Redis; decode them here, never by hand.
// ----------------------------------------------------------------------------
import { ControlName } from '../controls/names.ts'
import { parseControlValue } from '../controls/values.ts'
import { fail, type Issue, issue, ok, type Result } from '../result.ts'

/** Dispatch-state fields beside the control values (whose fields are the control names). */
export const DISPATCH_STATE_FIELDS = {
  dispatchCount: 'Exposures dispatched since the visit-processing mode was last set (drives the alternating modes).',
  latestExposureId: 'The newest exposure dispatched; a MURDEROUS worker abandons backlog work older than it.',
  guaranteedExposures: 'Exposure ids that get the full focal plane in ID_GUARANTEED mode, comma-separated.',
  openFamPair: 'The intra-focal FAM exposure whose extra-focal partner is still to come, or empty.',
} as const
export type DispatchStateField = keyof typeof DISPATCH_STATE_FIELDS

export interface DispatchState {
  readonly dispatchCount: number
  readonly latestExposureId: number | undefined
  readonly guaranteedExposures: readonly number[]
  readonly openFamPair: number | undefined
}

export interface ControlStateSnapshot {
  /** Canonical values in effect, for the controls that have been set. */
  readonly controls: Partial<Record<ControlName, string>>
  readonly dispatch: DispatchState
}

const digits = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined)

/** Decode HGETALL of the control-state hash; unknown fields are reported, never silently dropped. */
export function decodeControlState(hash: Readonly<Record<string, string>>): Result<ControlStateSnapshot> {
  const issues: Issue[] = []
  const controls: Partial<Record<ControlName, string>> = {}
  for (const [field, value] of Object.entries(hash)) {
    if (field in DISPATCH_STATE_FIELDS) continue
    if (!ControlName.is(field)) {
      issues.push(issue(`/${field}`, `unknown control-state field '${field}'`))
      continue
    }
    const parsed = parseControlValue(field, value)
    if (parsed.ok) controls[field] = parsed.value
    else issues.push(...parsed.issues.map((i) => ({ ...i, path: `/${field}` })))
  }
  const guaranteed = (hash.guaranteedExposures ?? '').split(',').filter((s) => s !== '')
  if (guaranteed.some((id) => digits(id) === undefined)) {
    issues.push(
      issue('/guaranteedExposures', 'must be exposure ids separated by commas', { received: hash.guaranteedExposures }),
    )
  }
  if (issues.length > 0) return fail(...issues)
  return ok({
    controls,
    dispatch: {
      dispatchCount: digits(hash.dispatchCount) ?? 0,
      latestExposureId: digits(hash.latestExposureId),
      guaranteedExposures: guaranteed.map(Number),
      openFamPair: digits(hash.openFamPair),
    },
  })
}

/** Hash fields for a dispatch-state update. */
export function encodeDispatchState(state: Partial<DispatchState>): Record<string, string> {
  const out: Record<string, string> = {}
  if (state.dispatchCount !== undefined) out.dispatchCount = String(state.dispatchCount)
  if ('latestExposureId' in state)
    out.latestExposureId = state.latestExposureId === undefined ? '' : String(state.latestExposureId)
  if (state.guaranteedExposures !== undefined) out.guaranteedExposures = state.guaranteedExposures.join(',')
  if ('openFamPair' in state) out.openFamPair = state.openFamPair === undefined ? '' : String(state.openFamPair)
  return out
}
