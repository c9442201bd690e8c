// Worker ids keep today's queue-name form and round-trip; the flavour's shape decides the fields.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { INSTRUMENT_DETECTOR_COUNT, Instrument } from '../identifiers/instruments.ts'
import { WORKER_FLAVOUR_SHAPE, WorkerFlavour } from '../identifiers/workers.ts'
import { parseWorkerId, WORKER_ID_PATTERN, workerId } from './worker-id.ts'

describe('workerId', () => {
  it("writes today's queue names", () => {
    expect(workerId({ flavour: 'SFM_WORKER', instrument: 'LSSTCam', depth: 0, detector: 94 })).toEqual({
      ok: true,
      value: 'SFM_WORKER-LSSTCam-000-094',
    })
    expect(workerId({ flavour: 'STEP1B_WORKER', instrument: 'LSSTCam', depth: 2 })).toEqual({
      ok: true,
      value: 'STEP1B_WORKER-LSSTCam-002',
    })
    expect(workerId({ flavour: 'HEAD_NODE', instrument: 'LSSTCam' })).toEqual({ ok: true, value: 'HEAD_NODE-LSSTCam' })
    expect(workerId({ flavour: 'PERFORMANCE_MONITOR', instrument: 'LATISS' })).toEqual({
      ok: true,
      value: 'PERFORMANCE_MONITOR-LATISS',
    })
  })

  it('refuses fields the shape does not have, and missing ones, naming the field', () => {
    const cases = [
      [{ flavour: 'SFM_WORKER', instrument: 'LSSTCam', depth: 0 }, '/detector'],
      [{ flavour: 'SFM_WORKER', instrument: 'LSSTCam', detector: 94 }, '/depth'],
      [{ flavour: 'STEP1B_WORKER', instrument: 'LSSTCam', depth: 0, detector: 1 }, '/detector'],
      [{ flavour: 'HEAD_NODE', instrument: 'LSSTCam', depth: 0 }, '/depth'],
      [{ flavour: 'SFM_WORKER', instrument: 'LSSTCam', depth: 1000, detector: 1 }, '/depth'],
      [{ flavour: 'SFM_WORKER', instrument: 'LSSTCam', depth: 0.5, detector: 1 }, '/depth'],
      [{ flavour: 'SFM_WORKER', instrument: 'LSSTCam', depth: 0, detector: 205 }, '/detector'],
      [{ flavour: 'SFM_WORKER', instrument: 'LATISS', depth: 0, detector: 1 }, '/detector'],
    ] as const
    for (const [parts, path] of cases) {
      const result = workerId(parts)
      expect(result.ok, JSON.stringify(parts)).toBe(false)
      if (!result.ok) expect(result.issues.map((i) => i.path)).toContain(path)
    }
  })

  it('round-trips every valid identity through parseWorkerId', () => {
    const parts = fc
      .record({
        flavour: fc.constantFrom(...WorkerFlavour.values),
        instrument: fc.constantFrom(...Instrument.values),
        depth: fc.integer({ min: 0, max: 999 }),
        detector: fc.nat(),
      })
      .map(({ flavour, instrument, depth, detector }) => {
        const shape = WORKER_FLAVOUR_SHAPE[flavour]
        return {
          flavour,
          instrument,
          ...(shape === 'singleton' ? {} : { depth }),
          ...(shape === 'perDetector' ? { detector: detector % INSTRUMENT_DETECTOR_COUNT[instrument] } : {}),
        }
      })
    fc.assert(
      fc.property(parts, (p) => {
        const id = workerId(p)
        expect(id.ok).toBe(true)
        if (!id.ok) return
        expect(id.value).toMatch(new RegExp(`^${WORKER_ID_PATTERN}$`))
        expect(parseWorkerId(id.value)).toEqual({ ok: true, value: p })
      }),
    )
  })

  it('refuses non-canonical and malformed ids with a reason', () => {
    for (const text of [
      'SFM_WORKER-LSSTCam-0-94',
      'SFM_WORKER-LSSTCam-000',
      'SFM_WORKER-LSSTCam-*-*',
      'sfm_worker-LSSTCam-000-094',
      'SFM_WORKER-LSST-TS8-000-000',
      'HEAD_NODE',
      'HEAD_NODE-LSSTCam-000',
      'STEP1B_WORKER-LSSTCam-000-001',
      'SFM_WORKER-HSC-000-001',
    ]) {
      const result = parseWorkerId(text, '/target')
      expect(result.ok, text).toBe(false)
      if (!result.ok) expect(result.issues[0]?.path.startsWith('/target')).toBe(true)
    }
    expect(parseWorkerId(7).ok).toBe(false)
  })
})
