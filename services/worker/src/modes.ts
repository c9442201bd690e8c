// ----------------------------------------------------------------------------
// Worker modes (WORKER_MODE control, ra_framework.md §7.3), decided from the
// control-state hash the head node keeps: the mode in effect and the newest
// exposure dispatched. Only step1a payloads are subject to them: a visit-level
// or one-off payload is always for an exposure that has already moved on, and
// skipping it would lose the visit product rather than shed backlog.
// ----------------------------------------------------------------------------
import { decodeControlState, formatIssues, type WorkerMode } from '@rubin/ra-contract'
import type { ProcessClaim } from './payload.ts'

export const DEFAULT_WORKER_MODE: WorkerMode = 'CONSUMING'

export interface ModeState {
  readonly mode: WorkerMode
  /** The newest exposure the head node has dispatched, if it has said. */
  readonly latestExposureId: number | undefined
}

/**
 * The fields a worker needs from HGETALL of controlState. Only those are decoded, so
 * a field this worker does not know (a newer head node) never hides the mode from it.
 */
export function modeFromControlState(hash: Readonly<Record<string, string>>): {
  state: ModeState
  problem?: string
} {
  const picked: Record<string, string> = {}
  if (hash.WORKER_MODE !== undefined) picked.WORKER_MODE = hash.WORKER_MODE
  if (hash.latestExposureId !== undefined) picked.latestExposureId = hash.latestExposureId
  const decoded = decodeControlState(picked)
  if (!decoded.ok) {
    const latest = /^\d+$/.test(hash.latestExposureId ?? '') ? Number(hash.latestExposureId) : undefined
    return {
      state: { mode: DEFAULT_WORKER_MODE, latestExposureId: latest },
      problem: `control state: ${formatIssues(decoded.issues)}; using ${DEFAULT_WORKER_MODE}`,
    }
  }
  const mode = (decoded.value.controls.WORKER_MODE as WorkerMode | undefined) ?? DEFAULT_WORKER_MODE
  return { state: { mode, latestExposureId: decoded.value.dispatch.latestExposureId } }
}

/** Work for an exposure older than the newest dispatched one. */
export function isBacklog(claim: ProcessClaim, state: ModeState): boolean {
  return claim.step1a && state.latestExposureId !== undefined && claim.exposure < state.latestExposureId
}

export type ModeDecision =
  /** Run it; `abandonable` when MURDEROUS may abandon it for newer work. */
  | { readonly action: 'run'; readonly abandonable: boolean }
  /** WAITING: complete it as skipped without running (it still counts, as failed). */
  | { readonly action: 'skip'; readonly reason: string }

export function decide(claim: ProcessClaim, state: ModeState): ModeDecision {
  const backlog = isBacklog(claim, state)
  if (backlog && state.mode === 'WAITING') {
    return {
      action: 'skip',
      reason: `WAITING mode: exposure ${claim.exposure} is older than the newest dispatched (${state.latestExposureId})`,
    }
  }
  // Decided when the payload is taken: work that was current then is never abandoned later.
  return { action: 'run', abandonable: backlog && state.mode === 'MURDEROUS' }
}

/** MURDEROUS: does the payload now at the head of the queue justify abandoning the running one? */
export function isNewerWork(head: ProcessClaim | undefined, running: ProcessClaim): boolean {
  return head !== undefined && head.exposure > running.exposure
}
