// ----------------------------------------------------------------------------
// What one control command does, decided without Redis: the outcome for both
// read-backs (applied / unchanged / rejected with a code and reason), the state
// after it, the controlState fields to write and, for a chip selection, the new
// ignored-detector set. Every value goes through the contract's parser, so menu
// spellings and legacy aliases (5-on-a-die, TARTS, ALTERNATING_IN_TWOS) work.
// ----------------------------------------------------------------------------
import {
  type ControlName,
  type ControlOutcome,
  encodeDispatchState,
  type Issue,
  parseControlValue,
  rejectionFor,
} from '@rubin/ra-contract'
import { ignoredByPattern } from '../plan/selection.ts'
import { type ControlsInEffect, type HeadNodeState, valueInEffect } from '../state.ts'

/** How many guaranteed exposure ids are remembered (oldest dropped first). */
export const GUARANTEED_KEEP = 100

export interface ControlDecision {
  readonly outcome: ControlOutcome
  readonly state: HeadNodeState
  /** controlState fields to HSET (canonical values and dispatch-state changes). */
  readonly fields: Readonly<Record<string, string>>
  /** Replaces the ignored-detector set when defined (a chip selection was taken). */
  readonly ignoredDetectors: readonly number[] | undefined
  /** The parser's issues for an invalid value: the command also goes to the dead letters. */
  readonly invalid: readonly Issue[] | undefined
  /** A RESET_HEAD_NODE that was accepted: the head node restarts after the read-back. */
  readonly reset: boolean
}

const NO_CHANGE = { fields: {}, ignoredDetectors: undefined, invalid: undefined, reset: false } as const

function withControl<K extends keyof ControlsInEffect>(
  state: HeadNodeState,
  name: K,
  value: ControlsInEffect[K],
): HeadNodeState {
  return { ...state, controls: { ...state.controls, [name]: value } }
}

export function decideControl(name: ControlName, raw: string, state: HeadNodeState): ControlDecision {
  const current = valueInEffect(state, name)
  const parsed = parseControlValue(name, raw)
  if (!parsed.ok) {
    return { ...NO_CHANGE, state, outcome: rejectionFor(name, parsed.issues, current), invalid: parsed.issues }
  }
  const value = parsed.value
  const same = value === current
  const outcome: ControlOutcome = { outcome: same ? 'unchanged' : 'applied', value }
  const stored = { [name]: value }
  switch (name) {
    case 'AOS_PIPELINE':
    case 'WORKER_MODE':
      return { ...NO_CHANGE, outcome, state: withControl(state, name, value as never), fields: stored }
    case 'AOS_FAM_PIPELINE': {
      const open = state.dispatch.openFamPair
      if (!same && open !== undefined) {
        const reason =
          `exposure ${open} (intra-focal) is waiting for its extra-focal partner; ` +
          `${current} stays in effect until the pair is complete`
        return {
          ...NO_CHANGE,
          state,
          outcome: { outcome: 'rejected', code: 'BETWEEN_PAIR', reason, value: current ?? '' },
        }
      }
      return { ...NO_CHANGE, outcome, state: withControl(state, name, value as never), fields: stored }
    }
    case 'CHIP_SELECTION':
      return {
        ...NO_CHANGE,
        outcome,
        state: withControl(state, name, value as never),
        fields: stored,
        // Re-published even when unchanged, so a lost or hand-edited set heals.
        ignoredDetectors: ignoredByPattern(value as ControlsInEffect['CHIP_SELECTION']),
      }
    case 'VISIT_PROCESSING_MODE': {
      if (same) return { ...NO_CHANGE, outcome, state, fields: stored }
      // A new time mode starts its phase afresh.
      const dispatch = { ...state.dispatch, dispatchCount: 0 }
      return {
        ...NO_CHANGE,
        outcome,
        state: { controls: { ...state.controls, [name]: value }, dispatch } as HeadNodeState,
        fields: { ...stored, ...encodeDispatchState({ dispatchCount: 0 }) },
      }
    }
    case 'GUARANTEED_EXPOSURE': {
      const id = Number(value)
      const known = state.dispatch.guaranteedExposures.includes(id)
      const guaranteedExposures = known
        ? state.dispatch.guaranteedExposures
        : [...state.dispatch.guaranteedExposures, id].slice(-GUARANTEED_KEEP)
      return {
        ...NO_CHANGE,
        outcome: { outcome: known ? 'unchanged' : 'applied', value },
        state: {
          controls: { ...state.controls, GUARANTEED_EXPOSURE: value },
          dispatch: { ...state.dispatch, guaranteedExposures },
        },
        fields: { ...stored, ...encodeDispatchState({ guaranteedExposures }) },
      }
    }
    case 'RESET_HEAD_NODE':
      return { ...NO_CHANGE, state, outcome: { outcome: 'applied', value }, reset: true }
    default:
      return {
        ...NO_CHANGE,
        state,
        outcome: { outcome: 'rejected', code: 'NOT_SUPPORTED', reason: `the head node does not consume ${name}` },
      }
  }
}
