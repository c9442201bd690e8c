// ----------------------------------------------------------------------------
// ./ra control get and list: the values in effect, from the control-state hash
// (decoded through the contract), beside the legacy _READBACK strings RubinTV
// shows, and each control's accepted values.
// ----------------------------------------------------------------------------
import {
  CONTROLS,
  ControlName,
  type ControlStateSnapshot,
  decodeControlState,
  formatIssues,
  type Instrument,
  readbackKey,
  summarizeDomain,
} from '@rubin/ra-contract'
import type { RedisHandle } from '@rubin/ra-runtime'

export interface ControlView {
  readonly control: ControlName
  readonly key: string
  readonly consumer: string
  readonly accepted: string
  /** Canonical value in effect per control-state ('' when never set). */
  readonly value: string
  /** The legacy RUBINTV_CONTROL_{NAME}_READBACK string, or null when absent. */
  readonly readback: string | null
}

export interface ControlStateRead {
  readonly controls: Partial<Record<ControlName, string>>
  /** Fields of the hash the contract refused (reported, not hidden). */
  readonly problems: string
}

export async function readControlState(redis: RedisHandle, instrument: Instrument): Promise<ControlStateRead> {
  const hash = await redis.client.hgetall(redis.keys.key('controlState', { instrument }))
  const decoded = decodeControlState(hash)
  if (decoded.ok) return { controls: decoded.value.controls, problems: '' }
  // Keep what does decode: decode each control field on its own.
  const controls: ControlStateSnapshot['controls'] = {}
  for (const name of ControlName.values) {
    const one = hash[name] === undefined ? undefined : decodeControlState({ [name]: hash[name] })
    if (one?.ok) Object.assign(controls, one.value.controls)
  }
  return { controls, problems: formatIssues(decoded.issues) }
}

export function acceptedValues(name: ControlName): string {
  const { domain } = CONTROLS[name]
  const summary = summarizeDomain(domain)
  if (domain.kind !== 'identifiers') return summary.expected
  const aliases = Object.entries(summary.aliases).map(([from, to]) => `${from}→${to}`)
  return summary.values.join(', ') + (aliases.length > 0 ? ` (also: ${aliases.join(', ')})` : '')
}

export async function viewControls(
  redis: RedisHandle,
  instrument: Instrument,
  names: readonly ControlName[],
): Promise<{ views: ControlView[]; problems: string }> {
  const state = await readControlState(redis, instrument)
  const readbacks = await redis.client.mget(...names.map((n) => readbackKey(n, redis.keys.prefix)))
  const views = names.map((name, i) => ({
    control: name,
    key: CONTROLS[name].key,
    consumer: CONTROLS[name].consumer,
    accepted: acceptedValues(name),
    value: state.controls[name] ?? '',
    readback: readbacks[i] ?? null,
  }))
  return { views, problems: state.problems }
}
