// Every key template builds and parses back; RubinTV-facing and external names are byte-exact.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ControlName } from '../controls/names.ts'
import { Instrument } from '../identifiers/instruments.ts'
import { Who } from '../identifiers/pipelines.ts'
import { WORKER_FLAVOUR_SHAPE, WorkerFlavour } from '../identifiers/workers.ts'
import { ClusterStatusSet } from './cluster-status-sets.ts'
import type { FormatName } from './formats.ts'
import { createRedisKeys, parseRedisKey, redisKey, redisKeyParameters } from './key-codec.ts'
import { REDIS_KEYS, type RedisKeyName } from './keys.ts'
import { processingId } from './processing-id.ts'
import { workerId } from './worker-id.ts'

const exposureIdArb = fc.integer({ min: 2020_01_01_00001, max: 2030_12_31_99999 })

const workerIdArb = fc
  .record({
    flavour: fc.constantFrom(...WorkerFlavour.values),
    instrument: fc.constantFrom(...Instrument.values),
    depth: fc.integer({ min: 0, max: 999 }),
    detector: fc.integer({ min: 0, max: 8 }),
  })
  .map(({ flavour, instrument, depth, detector }) => {
    const shape = WORKER_FLAVOUR_SHAPE[flavour]
    const id = workerId({
      flavour,
      instrument,
      depth: shape === 'singleton' ? undefined : depth,
      detector: shape === 'perDetector' ? (instrument === 'LATISS' ? 0 : detector) : undefined,
    })
    if (!id.ok) throw new Error(JSON.stringify(id.issues))
    return id.value
  })

const dayObsArb = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => Number(d.toISOString().slice(0, 10).replaceAll('-', '')))

const ARBITRARIES: { [F in FormatName]: fc.Arbitrary<unknown> } = {
  instrument: fc.constantFrom(...Instrument.values),
  instrumentUpper: fc.constantFrom(...Instrument.values),
  workerId: workerIdArb,
  processingId: fc.array(exposureIdArb, { minLength: 1, maxLength: 3 }).map((ids) => {
    const id = processingId(ids)
    if (!id.ok) throw new Error('bad processing id')
    return id.value
  }),
  id: exposureIdArb,
  who: fc.constantFrom(...Who.values),
  dayObs: dayObsArb,
  control: fc.constantFrom(...ControlName.values),
  set: fc.constantFrom(...ClusterStatusSet.values),
}

function paramsArb(name: RedisKeyName): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {}
  for (const { param, format } of redisKeyParameters(name)) shape[param] = ARBITRARIES[format]
  return fc.record(shape)
}

const build = (keys: ReturnType<typeof createRedisKeys>, name: RedisKeyName, params: Record<string, unknown>) => {
  const result = keys.tryKey(name, params)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.value
}

describe('REDIS_KEYS', () => {
  it.each(REDIS_KEYS.map((k) => k.name))('%s builds and parses back to itself with the same parameters', (name) => {
    const keys = createRedisKeys()
    fc.assert(
      fc.property(paramsArb(name), (params) => {
        const key = build(keys, name, params)
        expect(parseRedisKey(key)).toEqual({ ok: true, value: { name, params } })
      }),
      { numRuns: 200 },
    )
  })

  it('round-trips under a prefix, and the prefixed key is the production key with the prefix in front', () => {
    const prefix = 'test-3f9a:'
    const prefixed = createRedisKeys({ prefix })
    const plain = createRedisKeys()
    fc.assert(
      fc.property(
        fc.constantFrom(...REDIS_KEYS.map((k) => k.name)).chain((name) => fc.tuple(fc.constant(name), paramsArb(name))),
        ([name, params]) => {
          const key = build(prefixed, name, params)
          expect(key).toBe(prefix + build(plain, name, params))
          expect(prefixed.parse(key)).toEqual({ ok: true, value: { name, params } })
          // A prefixed key is not a production key, and a production key is not in the test namespace.
          expect(plain.parse(key).ok).toBe(false)
          expect(prefixed.parse(build(plain, name, params)).ok).toBe(false)
        },
      ),
    )
  })

  it('keeps RubinTV-compatible and external names byte-exact to today', () => {
    expect(redisKey('control', { control: 'AOS_PIPELINE' })).toBe('RUBINTV_CONTROL_AOS_PIPELINE')
    expect(redisKey('controlReadback', { control: 'AOS_PIPELINE' })).toBe('RUBINTV_CONTROL_AOS_PIPELINE_READBACK')
    expect(redisKey('controlReadback', { control: 'AOS_FAM_PIPELINE' })).toBe(
      'RUBINTV_CONTROL_AOS_FAM_PIPELINE_READBACK',
    )
    expect(redisKey('control', { control: 'CHIP_SELECTION' })).toBe('RUBINTV_CONTROL_CHIP_SELECTION')
    expect(redisKey('control', { control: 'VISIT_PROCESSING_MODE' })).toBe('RUBINTV_CONTROL_VISIT_PROCESSING_MODE')
    expect(redisKey('control', { control: 'WITNESS_DETECTOR' })).toBe('RUBINTV_CONTROL_WITNESS_DETECTOR')
    expect(redisKey('control', { control: 'RESET_HEAD_NODE' })).toBe('RUBINTV_CONTROL_RESET_HEAD_NODE')
    expect(redisKey('control', { control: 'RESET_SFM_SET_0' })).toBe('RUBINTV_CONTROL_RESET_SFM_SET_0')
    expect(redisKey('control', { control: 'RESET_AOS_STEP1B_SET_0' })).toBe('RUBINTV_CONTROL_RESET_AOS_STEP1B_SET_0')
    expect(redisKey('clusterStatus', { set: 'SFM_SET_0' })).toBe('stream:CLUSTER_STATUS_SFM_SET_0')
    expect(redisKey('clusterStatus', { set: 'AOS_SET_3' })).toBe('stream:CLUSTER_STATUS_AOS_SET_3')
    expect(redisKey('clusterStatus', { set: 'SPAREWORKERS_SET_0' })).toBe('stream:CLUSTER_STATUS_SPAREWORKERS_SET_0')
    expect(redisKey('clusterStatus', { set: 'OTHER_QUEUES' })).toBe('stream:CLUSTER_STATUS_OTHER_QUEUES')
    expect(redisKey('clusterStatusTestStream')).toBe('stream:test_stream')
    expect(redisKey('objectWritten')).toBe('stream:RUBINTV_OBJECT_WRITTEN')
    expect(redisKey('controlReadbacks')).toBe('stream:RUBINTV_CONTROL_READBACKS')
    expect(redisKey('wepProcessingResult', { instrument: 'LSSTCam' })).toBe('LSSTCAM_WEP_PROCESSING_RESULT')
    expect(redisKey('wepProcessingResult', { instrument: 'LSSTComCam' })).toBe('LSSTCOMCAM_WEP_PROCESSING_RESULT')
    expect(redisKey('ocsDonutPair', { instrument: 'LSSTCam' })).toBe('LSSTCam-FROM-OCS_DONUTPAIR')
  })

  it('builds the internal keys under ra: without copied typos', () => {
    expect(redisKey('incoming', { instrument: 'LSSTCam' })).toBe('ra:LSSTCam:incoming')
    expect(redisKey('workerQueue', { workerId: 'SFM_WORKER-LSSTCam-000-094' })).toBe(
      'ra:queue:SFM_WORKER-LSSTCam-000-094',
    )
    expect(redisKey('workerHeartbeat', { workerId: 'HEAD_NODE-LSSTCam' })).toBe('ra:worker:HEAD_NODE-LSSTCam:heartbeat')
    expect(redisKey('workerClaimed', { workerId: 'STEP1B_WORKER-LSSTCam-002' })).toBe(
      'ra:worker:STEP1B_WORKER-LSSTCam-002:claimed',
    )
    expect(
      redisKey('finishedDetectors', { instrument: 'LSSTCam', who: 'SFM', processingId: '2025111500227+2025111500228' }),
    ).toBe('ra:LSSTCam:completion:SFM:2025111500227+2025111500228:finished')
    expect(redisKey('deadLetters')).toBe('ra:dead-letters')
    for (const spec of REDIS_KEYS) {
      if (spec.wire === 'internal') expect(spec.template).toMatch(/^ra:/)
      else expect(spec.template).not.toMatch(/^ra:/)
      expect(spec.template).not.toMatch(/Wacher|FINISIHED/)
    }
  })

  it('declares who writes and reads every RA-produced name, and expiry only where it means something', () => {
    for (const spec of REDIS_KEYS) {
      expect(spec.readers.length, spec.name).toBeGreaterThan(0)
      // Only names written by systems outside RA (OCS) have no writer among our services.
      if (spec.writers.length === 0) expect(spec.wire, spec.name).toBe('external')
      if ('maxLength' in spec) expect(spec.kind, spec.name).toBe('stream')
    }
    const names = REDIS_KEYS.map((k) => k.name)
    expect(new Set(names).size).toBe(names.length)
    const templates = REDIS_KEYS.map((k) => k.template)
    expect(new Set(templates).size).toBe(templates.length)
  })

  it('refuses parameters outside their format, as data from tryKey and as a TypeError from key', () => {
    const keys = createRedisKeys()
    const bad = keys.tryKey('expectedDetectors', { instrument: 'lsstcam', who: 'SFM', processingId: '2+1' })
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect(bad.issues.map((i) => i.path)).toEqual(['/instrument', '/processingId'])
    expect(keys.tryKey('nope').ok).toBe(false)
    expect(() => redisKey('workerQueue', { workerId: 'SFM_WORKER-LSSTCam-0-94' })).toThrow(TypeError)
    expect(() => redisKey('consdbAnnounced', { dayObs: 20250230 })).toThrow(/dayObs/)
  })

  it('types parameters from the template', () => {
    // @ts-expect-error: who is required
    expect(() => redisKey('expectedDetectors', { instrument: 'LSSTCam', processingId: '1' })).toThrow(TypeError)
    // @ts-expect-error: not an instrument
    expect(() => redisKey('incoming', { instrument: 'HSC' })).toThrow(TypeError)
    expect(redisKey('visitSummaryStats', { instrument: 'LATISS', visit: 2025111500226 })).toBe(
      'ra:LATISS:visit-summary-stats:2025111500226',
    )
  })

  it('refuses keys that match no template, saying so', () => {
    for (const key of [
      'RUBINTV_CONTROL_NOT_A_CONTROL',
      'LSSTCam-fromButlerWacher',
      'ra:LSSTCam:completion:SFM:0012:finished',
      'ra:HSC:incoming',
      '',
    ]) {
      const result = parseRedisKey(key)
      expect(result.ok, key).toBe(false)
      if (!result.ok) expect(result.issues[0]?.message).toContain('matches no Redis key template')
    }
    expect(parseRedisKey(42).ok).toBe(false)
  })

  it('builds SCAN globs with open parameters', () => {
    const keys = createRedisKeys({ prefix: 't*1:' })
    expect(keys.pattern('finishedDetectors', { instrument: 'LSSTCam', who: 'AOS' })).toBe(
      't\\*1:ra:LSSTCam:completion:AOS:*:finished',
    )
    expect(keys.pattern('workerHeartbeat')).toBe('t\\*1:ra:worker:*:heartbeat')
  })
})
