// ----------------------------------------------------------------------------
// What the head node decides with: the control values in effect and the
// dispatch state. Both live in the controlState hash (the head node is its only
// writer), so they survive a restart; this module turns that hash into a typed
// state with defaults, tolerating a damaged field instead of refusing to start.
// ----------------------------------------------------------------------------
import {
  type AosCwfsPipeline,
  type AosFamPipeline,
  type ControlName,
  type DispatchState,
  decodeControlState,
  type FocalPlanePattern,
  type Issue,
  type TimeMode,
  type WorkerMode,
} from '@rubin/ra-contract'

export interface ControlsInEffect {
  readonly AOS_PIPELINE: AosCwfsPipeline
  readonly AOS_FAM_PIPELINE: AosFamPipeline
  readonly CHIP_SELECTION: FocalPlanePattern
  readonly VISIT_PROCESSING_MODE: TimeMode
  readonly WORKER_MODE: WorkerMode
  /** The last guaranteed exposure asked for, if any (the list is in the dispatch state). */
  readonly GUARANTEED_EXPOSURE?: string
}

export interface HeadNodeState {
  readonly controls: ControlsInEffect
  readonly dispatch: DispatchState
}

export const DEFAULT_CONTROLS: ControlsInEffect = {
  AOS_PIPELINE: 'AOS_DANISH',
  AOS_FAM_PIPELINE: 'AOS_FAM_DANISH',
  CHIP_SELECTION: 'ALL',
  VISIT_PROCESSING_MODE: 'CONSTANT',
  WORKER_MODE: 'CONSUMING',
}

export const EMPTY_DISPATCH: DispatchState = {
  dispatchCount: 0,
  latestExposureId: undefined,
  guaranteedExposures: [],
  openFamPair: undefined,
}

export const INITIAL_STATE: HeadNodeState = { controls: DEFAULT_CONTROLS, dispatch: EMPTY_DISPATCH }

/** Controls whose value the head node keeps in effect (RESET_HEAD_NODE is an action, not a value). */
export const STATEFUL_CONTROLS = [
  'AOS_PIPELINE',
  'AOS_FAM_PIPELINE',
  'CHIP_SELECTION',
  'VISIT_PROCESSING_MODE',
  'WORKER_MODE',
  'GUARANTEED_EXPOSURE',
] as const satisfies readonly (keyof ControlsInEffect & ControlName)[]

const DISPATCH_FIELDS = ['dispatchCount', 'latestExposureId', 'guaranteedExposures', 'openFamPair']

export interface LoadedState {
  readonly state: HeadNodeState
  /** Fields that could not be decoded (kept at their default), for a warning. */
  readonly problems: readonly Issue[]
}

/**
 * The state a controlState hash describes. A field that does not decode keeps its default
 * and is reported: one bad field (written by hand) must not stop the head node.
 */
export function stateFromHash(hash: Readonly<Record<string, string>>): LoadedState {
  const problems: Issue[] = []
  const controls: Record<string, string> = { ...DEFAULT_CONTROLS }
  const dispatchHash: Record<string, string> = {}
  for (const [field, value] of Object.entries(hash)) {
    if (DISPATCH_FIELDS.includes(field)) {
      dispatchHash[field] = value
      continue
    }
    const decoded = decodeControlState({ [field]: value })
    if (!decoded.ok) {
      problems.push(...decoded.issues)
      continue
    }
    const canonical = decoded.value.controls[field as ControlName]
    if (canonical !== undefined && (STATEFUL_CONTROLS as readonly string[]).includes(field)) controls[field] = canonical
  }
  let dispatch = EMPTY_DISPATCH
  const decoded = decodeControlState(dispatchHash)
  if (decoded.ok) dispatch = decoded.value.dispatch
  else {
    problems.push(...decoded.issues)
    // Keep what does decode: the count and ids are independent of a damaged guaranteed list.
    const { guaranteedExposures: _, ...rest } = dispatchHash
    const partial = decodeControlState(rest)
    if (partial.ok) dispatch = partial.value.dispatch
  }
  return { state: { controls: controls as unknown as ControlsInEffect, dispatch }, problems }
}

/** The value in effect for a control, as its read-back shows it. */
export function valueInEffect(state: HeadNodeState, name: ControlName): string | undefined {
  return (state.controls as unknown as Record<string, string | undefined>)[name]
}
