// redis_keys.py: REDIS_KEYS and the parameter FORMATS as data. A format's check,
// render and read are functions in TS; each format names its Python rule here and
// the rule is checked against the TS format (identifier set by identity, rendering
// and reading on probe values), so a new or changed format fails codegen loudly.
import {
  CLUSTER_STATUS_FIELD,
  CLUSTER_STATUS_MAXLEN,
  CONSUMER_GROUPS,
  FORMATS,
  type FormatName,
  IDENTIFIER_SETS,
  type ParamFormat,
  PROCESSING_ID_PATTERN,
  REDIS_KEYS,
  type RedisKeySpec,
  STREAM_DATA_FIELD,
  WORKER_ID_PATTERN,
} from '@rubin/ra-contract'
import { assign, call, dictOf, type Py } from './literal.ts'
import { pythonModule } from './module.ts'

type Rule = 'set' | 'upper' | 'workerId' | 'processingId' | 'id' | 'dayObs'

const RULES: Readonly<Record<FormatName, Rule>> = {
  instrument: 'set',
  instrumentUpper: 'upper',
  workerId: 'workerId',
  processingId: 'processingId',
  id: 'id',
  who: 'set',
  dayObs: 'dayObs',
  control: 'set',
  set: 'set',
}

/** Probe values per rule: [value, rendered text] pairs that must render and read back. */
const PROBES: Readonly<Record<Exclude<Rule, 'set'>, readonly (readonly [unknown, string])[]>> = {
  upper: [['LSSTCam', 'LSSTCAM']],
  workerId: [['SFM_WORKER-LSSTCam-000-094', 'SFM_WORKER-LSSTCam-000-094']],
  processingId: [['2025111500227+2025111500228', '2025111500227+2025111500228']],
  id: [[2025111500226, '2025111500226']],
  dayObs: [[20251203, '20251203']],
}

function fail(name: string, what: string): never {
  throw new Error(
    `python codegen: Redis format '${name}' ${what}; update RULES in tools/codegen/src/python/redis-keys.ts`,
  )
}

function format(name: FormatName): Py {
  const fmt = FORMATS[name] as ParamFormat<unknown>
  const rule = RULES[name]
  if (rule === undefined) fail(name, 'has no Python rule')
  const set = IDENTIFIER_SETS.find((s) => s.is === fmt.check)
  if ((rule === 'set' || rule === 'upper') !== (set !== undefined)) fail(name, 'checks an identifier set in TS')
  if (rule === 'set') {
    const [first = ''] = set?.values ?? []
    if (fmt.render(first) !== first || fmt.read(first) !== first) fail(name, 'does not write tokens verbatim')
  } else {
    for (const [value, text] of PROBES[rule]) {
      if (!fmt.check(value) || fmt.render(value) !== text || fmt.read(text) !== value) fail(name, `mis-handles ${text}`)
    }
    if (rule === 'id' && (fmt.check(-1) || fmt.check(1.5) || fmt.read('01') !== undefined)) fail(name, 'is not ids')
  }
  return call('ParamFormat', {
    description: fmt.description,
    pattern: fmt.pattern,
    rule,
    identifier_set: set?.name,
  })
}

function keys(): Py {
  return REDIS_KEYS.map((k: RedisKeySpec) =>
    call('RedisKeySpec', {
      name: k.name,
      template: k.template,
      kind: k.kind,
      writers: k.writers,
      readers: k.readers,
      wire: k.wire,
      description: k.description,
      ttl_seconds: k.ttlSeconds,
      max_length: k.maxLength,
    }),
  )
}

export function buildRedisKeys(version: string): Promise<string> {
  const names = Object.keys(FORMATS) as FormatName[]
  const data = [
    '#: The one field of every stream entry written through the contract; its value is JSON.',
    assign('STREAM_DATA_FIELD', 'Final', STREAM_DATA_FIELD),
    assign('CLUSTER_STATUS_FIELD', 'Final', CLUSTER_STATUS_FIELD),
    '#: Approximate MAXLEN of each cluster-status stream (RubinTV replays what is retained).',
    assign('CLUSTER_STATUS_MAXLEN', 'Final', CLUSTER_STATUS_MAXLEN),
    "#: Consumer-group names on the contract's streams (by Redis key name): readers and inspecting tools agree.",
    assign('CONSUMER_GROUPS', 'Final[Mapping[str, str]]', dictOf(CONSUMER_GROUPS)),
    '#: Regex source of a worker id and of a processing id (no anchors, no capture groups).',
    assign('WORKER_ID_PATTERN', 'Final', WORKER_ID_PATTERN),
    assign('PROCESSING_ID_PATTERN', 'Final', PROCESSING_ID_PATTERN),
    '',
    assign('FORMATS', 'Final[Mapping[str, ParamFormat]]', dictOf(Object.fromEntries(names.map((n) => [n, format(n)])))),
    '',
    '#: Every Redis name RA or RubinTV uses.',
    assign('REDIS_KEYS', 'Final[tuple[RedisKeySpec, ...]]', keys()),
  ].join('\n')
  return pythonModule('redis_keys.py', version, { DATA: data })
}
