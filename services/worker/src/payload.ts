// ----------------------------------------------------------------------------
// A claimed list entry, decoded once: what kind of payload it is and the facts
// the bookkeeping needs (processing id, detector, the newest exposure it
// covers). Anything the worker cannot bookkeep is refused here with a reason,
// so it becomes a dead letter instead of a crash or a silently wrong key.
// ----------------------------------------------------------------------------
import {
  formatIssues,
  type Instrument,
  type ProcessPayload,
  processingId,
  type RestartPayload,
} from '@rubin/ra-contract'
import { parseMessage } from '@rubin/ra-contract/validate'

export const PAYLOAD_INVALID = 'RA_PAYLOAD_INVALID'
export const PAYLOAD_WRONG_INSTRUMENT = 'RA_PAYLOAD_WRONG_INSTRUMENT'

export interface ProcessClaim {
  readonly kind: 'process'
  /** Exactly as stored in the claimed list (LREM needs the same bytes). */
  readonly raw: string
  readonly payload: ProcessPayload
  readonly processingId: string
  /** The newest exposure (or visit) id the payload covers; worker modes compare it. */
  readonly exposure: number
  /** dataIds[0].detector: what a step1a completion counts. */
  readonly detector: number | undefined
  /** step1a payloads take part in completion bookkeeping; others only leave a timing. */
  readonly step1a: boolean
}

export interface RestartClaim {
  readonly kind: 'restart'
  readonly raw: string
  readonly payload: RestartPayload
}

export interface InvalidClaim {
  readonly kind: 'invalid'
  readonly raw: string
  readonly code: string
  readonly reason: string
}

export type Claim = ProcessClaim | RestartClaim | InvalidClaim

export function decodeClaim(raw: string, instrument: Instrument): Claim {
  const invalid = (code: string, reason: string): InvalidClaim => ({ kind: 'invalid', raw, code, reason })
  const parsed = parseMessage('Payload', raw)
  if (!parsed.ok) return invalid(PAYLOAD_INVALID, `not a Payload: ${formatIssues(parsed.issues)}`)
  const payload = parsed.value
  if (payload.kind === 'restart') return { kind: 'restart', raw, payload }
  if (payload.instrument !== instrument) {
    return invalid(
      PAYLOAD_WRONG_INSTRUMENT,
      `payload for ${payload.instrument} on a ${instrument} worker's queue; re-queue it to a ${payload.instrument} worker`,
    )
  }
  const ids: number[] = []
  for (const [i, dataId] of payload.dataIds.entries()) {
    const id = dataId.exposure ?? dataId.visit
    if (id === undefined) return invalid(PAYLOAD_INVALID, `/dataIds/${i}: needs an exposure or a visit`)
    if (dataId.instrument !== instrument) {
      return invalid(PAYLOAD_WRONG_INSTRUMENT, `/dataIds/${i}: instrument ${dataId.instrument} is not ${instrument}`)
    }
    ids.push(id)
  }
  const pid = processingId(ids)
  if (!pid.ok) return invalid(PAYLOAD_INVALID, `/dataIds: ${formatIssues(pid.issues)}`)
  const detector = payload.dataIds[0]?.detector
  const step1a = payload.step === 'step1a'
  if (step1a && detector === undefined) {
    return invalid(PAYLOAD_INVALID, '/dataIds/0/detector: a step1a payload must name its detector')
  }
  return { kind: 'process', raw, payload, processingId: pid.value, exposure: Math.max(...ids), detector, step1a }
}
