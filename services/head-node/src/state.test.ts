import { describe, expect, it } from 'vitest'
import { DEFAULT_CONTROLS, stateFromHash } from './state.ts'

describe('state from controlState', () => {
  it('uses the defaults for an empty hash', () => {
    expect(stateFromHash({})).toEqual({
      state: {
        controls: DEFAULT_CONTROLS,
        dispatch: { dispatchCount: 0, latestExposureId: undefined, guaranteedExposures: [], openFamPair: undefined },
      },
      problems: [],
    })
  })

  it('restores stored values and dispatch state', () => {
    const { state, problems } = stateFromHash({
      AOS_PIPELINE: 'AOS_TIE',
      CHIP_SELECTION: '5_ON_A_DIE',
      VISIT_PROCESSING_MODE: 'ALTERNATING',
      dispatchCount: '3',
      latestExposureId: '2025111500226',
      guaranteedExposures: '2025111500001,2025111500002',
      openFamPair: '',
    })
    expect(problems).toEqual([])
    expect(state.controls).toMatchObject({
      AOS_PIPELINE: 'AOS_TIE',
      CHIP_SELECTION: '5_ON_A_DIE',
      WORKER_MODE: 'CONSUMING',
    })
    expect(state.dispatch).toEqual({
      dispatchCount: 3,
      latestExposureId: 2025111500226,
      guaranteedExposures: [2025111500001, 2025111500002],
      openFamPair: undefined,
    })
  })

  it('keeps the default for a damaged field and reports it, keeping the rest', () => {
    const { state, problems } = stateFromHash({
      AOS_PIPELINE: 'NOPE',
      CHIP_SELECTION: 'MINIMAL',
      somethingElse: '1',
      dispatchCount: '4',
      guaranteedExposures: 'x,y',
    })
    expect(state.controls.AOS_PIPELINE).toBe('AOS_DANISH')
    expect(state.controls.CHIP_SELECTION).toBe('MINIMAL')
    expect(state.dispatch.dispatchCount).toBe(4)
    expect(state.dispatch.guaranteedExposures).toEqual([])
    expect(problems.map((p) => p.path)).toEqual(['/AOS_PIPELINE', '/somethingElse', '/guaranteedExposures'])
  })
})
