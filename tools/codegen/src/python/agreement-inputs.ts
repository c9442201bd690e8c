// ----------------------------------------------------------------------------
// Inputs for the TS <-> Python agreement tests (./python.test.ts): generated S3
// key specs (valid and corrupted) and near-miss keys, control values, Redis key
// parameters, cluster-status cells and message variants, plus the Python script
// that runs a whole batch of them in one process.
// ----------------------------------------------------------------------------
import {
  Camera,
  type ClusterStatusCell,
  CONTROLS,
  ControlName,
  FocalPlanePattern,
  Instrument,
  KEY_KINDS,
  REDIS_KEYS,
  type Result,
  redisKeyParameters,
  WorkerFlavour,
} from '@rubin/ra-contract'
import { MESSAGES } from '@rubin/ra-contract/authoring'
import type { MessageName } from '@rubin/ra-contract/validate'
import fc from 'fast-check'

/** Runs every batch entry through the Python module; results come back in the same shape. */
export const AGREE = `
import json, sys
from ra_contract.redis_keys import encode_cluster_status, try_redis_key
from ra_contract.registry import parse_control_value
from ra_contract.s3_keys import build_s3_key, parse_s3_key
from ra_contract.validate import validate, validate_received

def out(result):
    if result.ok:
        return {'ok': True, 'value': result.value}
    return {'ok': False, 'issues': [[i.path, i.message] for i in result.issues]}

batch = json.load(sys.stdin)
json.dump({
    's3Build': [out(build_s3_key(spec)) for spec in batch['s3Build']],
    's3Parse': [out(parse_s3_key(key)) for key in batch['s3Parse']],
    'controls': [out(parse_control_value(name, raw)) for name, raw in batch['controls']],
    'redis': [out(try_redis_key(name, params)) for name, params in batch['redis']],
    'clusterStatus': [encode_cluster_status(dict(pairs)) for pairs in batch['clusterStatus']],
    'validate': [[validate(n, v).ok, validate_received(n, v).ok] for n, v in batch['validate']],
}, sys.stdout)
`

export type Outcome = { ok: true; value: unknown } | { ok: false; issues: [string, string][] }
export const outcome = (result: Result<unknown>): Outcome =>
  result.ok ? { ok: true, value: result.value } : { ok: false, issues: result.issues.map((i) => [i.path, i.message]) }

// S3 key specs: mostly valid, with every field sometimes out of its domain or missing.
const days = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => Number(d.toISOString().slice(0, 10).replaceAll('-', '')))
const word = fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/)
const dashed = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/)
const odd = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -10, max: 1_100_000 }),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('night_report', 'metadata.json', 'a.b', 'x/y', 'PNG', '2025-02-30', '20250230'),
)
const detectorName = fc.stringMatching(/^[A-Za-z0-9]{1,4}_[A-Za-z0-9]{1,4}$/)
const channel = fc.oneof(word, fc.constantFrom('focal_plane_mosaic', 'day_movie', 'movies'))
const ext = fc.constantFrom('jpg', 'png', 'mp4', 'json', 'fits')
const cameras = fc.constantFrom(...Camera.values)
const seq = fc.integer({ min: 0, max: 999_999 })
/** Valid specs of every kind. */
export const VALID: Readonly<Record<string, fc.Arbitrary<Record<string, unknown>>>> = {
  metadata: fc.record({ kind: fc.constant('metadata'), camera: cameras, dayObs: days }),
  nightReportText: fc.record({ kind: fc.constant('nightReportText'), camera: cameras, dayObs: days }),
  nightReportPlot: fc.record({
    kind: fc.constant('nightReportPlot'),
    camera: cameras,
    dayObs: days,
    group: dashed,
    name: dashed,
    ext,
  }),
  final: fc.record({ kind: fc.constant('final'), camera: cameras, channel, dayObs: days, ext }),
  event: fc.record({ kind: fc.constant('event'), camera: cameras, channel, dayObs: days, seq, ext }),
  scratchBinnedImage: fc.record({
    kind: fc.constant('scratchBinnedImage'),
    scratchPrefix: dashed,
    dayObs: days,
    seq,
    instrument: fc.constantFrom(...Instrument.values),
    dataProduct: word,
    detectorName,
    binSize: fc.integer({ min: 1, max: 9999 }),
  }),
  rawImage: fc.record({
    kind: fc.constant('rawImage'),
    instrument: fc.constantFrom(...Instrument.values),
    dayObs: days,
    obsId: fc.stringMatching(/^(MC|AT|CC)_[OCHPQS]_20250415_\d{6}$/),
    detectorName,
  }),
  rawRecord: fc.record({
    kind: fc.constant('rawRecord'),
    instrument: fc.constantFrom(...Instrument.values),
    dayObs: days,
    obsId: fc.stringMatching(/^(MC|AT|CC)_[OCHPQS]_20250415_\d{6}$/),
  }),
}
const FIELDS = ['kind', 'camera', 'channel', 'dayObs', 'seq', 'ext', 'group', 'name', 'scratchPrefix', 'instrument']
const valid = fc.oneof(...KEY_KINDS.map((k) => VALID[k.kind] ?? fc.constant({ kind: k.kind })))
/** A valid spec with one field replaced by something odd (or removed, or added). */
const corrupted = fc
  .tuple(valid, fc.constantFrom(...FIELDS, 'detectorName', 'binSize', 'obsId', 'dataProduct'), odd)
  .map(([spec, field, value]) => ({ ...spec, [field]: value }))
export const specs: fc.Arbitrary<Record<string, unknown>> = fc
  .oneof({ arbitrary: valid, weight: 3 }, { arbitrary: corrupted, weight: 2 })
  .map((spec) => JSON.parse(JSON.stringify(spec)) as Record<string, unknown>)

export function nearMisses(keys: readonly string[]): fc.Arbitrary<string> {
  const edits = fc.tuple(fc.constantFrom(...keys), fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 3 }))
  return edits.map(([key, at, insert, drop]) => {
    const i = at % (key.length + 1)
    return key.slice(0, i) + insert + key.slice(i + drop)
  })
}

export function controlInputs(): [string, unknown][] {
  const inputs: [string, unknown][] = []
  const extra = ['', ' ', '1', '0', 'reset', 'false', 'OFF', '094', 'r22_s11', 'R22', '2025111500226', 7, null]
  for (const name of ControlName.values) {
    const { domain, rubintvMenu } = CONTROLS[name]
    const set = domain.kind === 'identifiers' ? domain.set : FocalPlanePattern
    const tokens = [...set.values, ...Object.keys(set.aliases), ...(rubintvMenu?.items ?? [])]
    for (const token of [...tokens, ...extra]) inputs.push([name, token])
    for (const token of tokens) inputs.push([name, ` ${token.toLowerCase().replaceAll('_', '-')} `])
  }
  inputs.push(['NOT_A_CONTROL', '1'])
  return inputs
}

const SAMPLE_PARAMS: Readonly<Record<string, unknown[]>> = {
  instrument: [...Instrument.values, 'lsstcam', 3],
  instrumentUpper: ['LSSTCam', 'LSSTCAM'],
  workerId: ['SFM_WORKER-LSSTCam-000-094', 'HEAD_NODE-LSSTCam', 'SFM_WORKER-LSSTCam-94', 'SFM_WORKER-LATISS-000-001'],
  processingId: ['2025111500226', '2025111500227+2025111500228', '2+1', '01', 5],
  id: [2025111500226, -1, 1.5, '12'],
  who: ['SFM', 'AOS', 'sfm'],
  dayObs: [20251203, 20250230, '20251203'],
  control: ['AOS_PIPELINE', 'RESET_OTHER_QUEUES', 'aos_pipeline'],
  set: ['SFM_SET_0', 'OTHER_QUEUES', 'NOPE'],
}

export function redisInputs(): fc.Arbitrary<[string, Record<string, unknown>]> {
  return fc.constantFrom(...REDIS_KEYS.map((k) => k.name), 'noSuchKey').chain((name) => {
    const params = redisKeyParameters(name as (typeof REDIS_KEYS)[number]['name'])
    const record = Object.fromEntries(
      params.map(({ param, format }) => [param, fc.constantFrom(...(SAMPLE_PARAMS[format] ?? [undefined]))]),
    )
    return fc.record(record).map((p) => [name, JSON.parse(JSON.stringify(p)) as Record<string, unknown>])
  })
}

export const cells: fc.Arbitrary<[string, ClusterStatusCell][]> = fc.array(
  fc.tuple(
    fc.oneof(
      fc.nat({ max: 300 }).map(String),
      fc.constantFrom(...WorkerFlavour.values, '01', '4294967295', 'é'),
      fc.string(),
    ),
    fc.oneof(
      fc
        .constantFrom('free', 'busy', 'missing', 'guest', 'restarting')
        .map((status) => ({ type: 'worker_status', status }) as ClusterStatusCell),
      fc
        .double({ min: -2, max: 40, noNaN: true })
        .map((queueLength) => ({ type: 'worker_status', status: 'queued', queueLength }) as ClusterStatusCell),
      fc.string().map((text) => ({ type: 'text_status', text }) as ClusterStatusCell),
      fc
        .double({ min: -5, max: 500, noNaN: true })
        .map((count) => ({ type: 'worker_count', count }) as ClusterStatusCell),
    ),
  ),
  { maxLength: 8 },
)

/** Every golden example, plus: each with its first field broken, with an extra field, and without each field. */
export function validationInputs(): [MessageName, unknown][] {
  const out: [MessageName, unknown][] = []
  for (const message of MESSAGES) {
    const name = message.name as MessageName
    for (const example of message.examples) {
      out.push([name, example])
      if (typeof example !== 'object' || example === null || Array.isArray(example)) continue
      const record = example as Record<string, unknown>
      const keys = Object.keys(record)
      const [first] = keys
      if (first !== undefined) out.push([name, { ...record, [first]: typeof record[first] === 'string' ? 12345 : 'x' }])
      out.push([name, { ...record, zz_not_in_the_schema: 'x' }])
      for (const key of keys) out.push([name, Object.fromEntries(Object.entries(record).filter(([k]) => k !== key))])
    }
    out.push([name, null], [name, []], [name, 'text'])
  }
  return out
}
