// ----------------------------------------------------------------------------
// Control key names: `RUBINTV_CONTROL_{NAME}` and `{key}_READBACK`, byte-exact to
// today's RubinTV. All derive from the Redis key table; the optional prefix is
// the same test-isolation prefix createRedisKeys applies (production: '').
// ----------------------------------------------------------------------------
import { ClusterStatusSet } from '../redis/cluster-status-sets.ts'
import { createRedisKeys, type RedisKeys } from '../redis/key-codec.ts'
import { fail, issue, ok, type Result } from '../result.ts'
import { CONTROLS } from './controls.ts'
import { ControlName } from './names.ts'

/** `RUBINTV_CONTROL_{NAME}`. */
export function controlKey(name: ControlName, prefix = ''): string {
  return prefix + CONTROLS[name].key
}

/** `RUBINTV_CONTROL_{NAME}_READBACK`: the legacy read-back RubinTV shows above each menu. */
export function readbackKey(name: ControlName, prefix = ''): string {
  return prefix + CONTROLS[name].readbackKey
}

/**
 * The keyspace-notification channel RubinTV subscribes to for a read-back
 * (`__keyspace@0__:…_READBACK`); the Redis server needs `notify-keyspace-events K$`.
 */
export function readbackKeyspaceChannel(name: ControlName, options: { db?: number; prefix?: string } = {}): string {
  return `__keyspace@${options.db ?? 0}__:${readbackKey(name, options.prefix)}`
}

/**
 * The reset control for a cluster-status set, derived as RubinTV derives it: the
 * `CLUSTER_STATUS_` of the set's key replaced by `RUBINTV_CONTROL_RESET_`.
 */
export function resetKeyForClusterStatusSet(set: ClusterStatusSet, prefix = ''): string {
  return controlKey(`RESET_${set}`, prefix)
}

/** The set a reset control addresses, or undefined for controls that are not set resets. */
export function clusterStatusSetOfControl(name: ControlName): ClusterStatusSet | undefined {
  const rest = name.replace(/^RESET_/, '')
  return rest !== name && ClusterStatusSet.is(rest) ? rest : undefined
}

// Compiling a codec builds a regex per key template; consumers parse with one or two prefixes, so keep them.
const codecs = new Map<string, RedisKeys>()
function codecFor(prefix: string): RedisKeys {
  let codec = codecs.get(prefix)
  if (codec === undefined) {
    codec = createRedisKeys({ prefix })
    codecs.set(prefix, codec)
  }
  return codec
}

export interface ParsedControlKey {
  readonly control: ControlName
  /** True for `{key}_READBACK`. */
  readonly readback: boolean
}

/**
 * Which control a key names. A key under RUBINTV_CONTROL_ that names no control (a typo,
 * or RubinTV's free-form Redis Command panel) is refused with the list of controls.
 */
export function parseControlKey(key: unknown, prefix = ''): Result<ParsedControlKey> {
  const parsed = codecFor(prefix).parse(key)
  if (parsed.ok && parsed.value.name === 'control') return ok({ control: parsed.value.params.control, readback: false })
  if (parsed.ok && parsed.value.name === 'controlReadback') {
    return ok({ control: parsed.value.params.control, readback: true })
  }
  const expected = `RUBINTV_CONTROL_{NAME}[_READBACK] with NAME one of: ${ControlName.values.join(', ')}`
  const text = typeof key === 'string' ? key : String(key)
  const controlPrefix = controlKey('AOS_PIPELINE', prefix).slice(0, -'AOS_PIPELINE'.length)
  const message = text.startsWith(controlPrefix)
    ? `'${text}' names no control RA consumes; RA will ignore it`
    : `'${text}' is not a control key`
  return fail(issue('', message, { expected, received: key }))
}
