import { describe, expect, it } from 'vitest'
import { ordinalOf, placementForOrdinal, resolveIdentity } from './identity.ts'

describe('StatefulSet ordinal → (depth, detector), ra_framework.md §4.3', () => {
  it('LSSTCam SFM: detector = N mod 205, depth = N div 205', () => {
    expect(placementForOrdinal('LSSTCam', 'SFM_WORKER', 0)).toEqual({ depth: 0, detector: 0 })
    expect(placementForOrdinal('LSSTCam', 'SFM_WORKER', 94)).toEqual({ depth: 0, detector: 94 })
    expect(placementForOrdinal('LSSTCam', 'SFM_WORKER', 204)).toEqual({ depth: 0, detector: 204 })
    expect(placementForOrdinal('LSSTCam', 'SFM_WORKER', 205)).toEqual({ depth: 1, detector: 0 })
    expect(placementForOrdinal('LSSTCam', 'SFM_WORKER', 299)).toEqual({ depth: 1, detector: 94 })
  })

  it('LSSTCam AOS: (N div 8, the corner wavefront list [N mod 8])', () => {
    const cwfs = [191, 192, 195, 196, 199, 200, 203, 204]
    for (let n = 0; n < 24; n++) {
      expect(placementForOrdinal('LSSTCam', 'AOS_WORKER', n)).toEqual({
        depth: Math.floor(n / 8),
        detector: cwfs[n % 8],
      })
    }
  })

  it('ComCam (and ComCamSim) SFM and AOS: mod 9', () => {
    expect(placementForOrdinal('LSSTComCam', 'SFM_WORKER', 13)).toEqual({ depth: 1, detector: 4 })
    expect(placementForOrdinal('LSSTComCamSim', 'AOS_WORKER', 8)).toEqual({ depth: 0, detector: 8 })
    expect(placementForOrdinal('LSSTComCam', 'SFM_WORKER', 18)).toEqual({ depth: 2, detector: 0 })
  })

  it('LATISS SFM: detector 0, depth N', () => {
    expect(placementForOrdinal('LATISS', 'SFM_WORKER', 3)).toEqual({ depth: 3, detector: 0 })
  })

  it('per-instrument flavours: depth = N; singletons: neither', () => {
    expect(placementForOrdinal('LSSTCam', 'STEP1B_WORKER', 2)).toEqual({ depth: 2 })
    expect(placementForOrdinal('LSSTCam', 'BACKLOG_WORKER', 7)).toEqual({ depth: 7 })
    expect(placementForOrdinal('LSSTCam', 'PERFORMANCE_MONITOR', 7)).toEqual({})
  })

  it('reads the ordinal from the end of the pod name only', () => {
    expect(ordinalOf('sfm-worker-set-1-94')).toBe(94)
    expect(ordinalOf('rapid-analysis-aos-12')).toBe(12)
    expect(ordinalOf('worker')).toBeUndefined()
    expect(ordinalOf('worker-')).toBeUndefined()
  })
})

describe('resolveIdentity', () => {
  it('builds the contract worker id from WORKER_NAME', () => {
    const id = resolveIdentity({ instrument: 'LSSTCam', flavour: 'SFM_WORKER', workerName: 'sfm-299' })
    expect(id).toEqual({
      ok: true,
      value: { id: 'SFM_WORKER-LSSTCam-001-094', flavour: 'SFM_WORKER', instrument: 'LSSTCam', depth: 1, detector: 94 },
    })
    const aos = resolveIdentity({ instrument: 'LSSTCam', flavour: 'AOS_WORKER', workerName: 'aos-9' })
    expect(aos.ok && aos.value.id).toBe('AOS_WORKER-LSSTCam-001-192')
    const step1b = resolveIdentity({ instrument: 'LATISS', flavour: 'STEP1B_WORKER', workerName: 'step1b-2' })
    expect(step1b.ok && step1b.value.id).toBe('STEP1B_WORKER-LATISS-002')
  })

  it('lets explicit depth and detector win over the pod name', () => {
    const id = resolveIdentity({
      instrument: 'LSSTCam',
      flavour: 'SFM_WORKER',
      depth: 2,
      detector: 5,
      workerName: 'sfm-94',
    })
    expect(id.ok && id.value.id).toBe('SFM_WORKER-LSSTCam-002-005')
  })

  it('refuses what cannot name a worker, saying what to set', () => {
    const none = resolveIdentity({ instrument: 'LSSTCam', flavour: 'SFM_WORKER' })
    expect(none.ok).toBe(false)
    expect(!none.ok && none.issues[0]?.message).toMatch(/RA_WORKER_DEPTH and RA_WORKER_DETECTOR, or WORKER_NAME/)
    const latiss = resolveIdentity({ instrument: 'LATISS', flavour: 'SFM_WORKER', depth: 0, detector: 94 })
    expect(!latiss.ok && latiss.issues[0]?.path).toBe('/detector')
    expect(resolveIdentity({ instrument: 'LSSTCam', flavour: 'HEAD_NODE' }).ok).toBe(false)
  })
})
