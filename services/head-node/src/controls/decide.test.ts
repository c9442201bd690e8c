import { readbackValue } from '@rubin/ra-contract'
import { describe, expect, it } from 'vitest'
import { type HeadNodeState, INITIAL_STATE } from '../state.ts'
import { decideControl, GUARANTEED_KEEP } from './decide.ts'

const midPair: HeadNodeState = { ...INITIAL_STATE, dispatch: { ...INITIAL_STATE.dispatch, openFamPair: 2025111500227 } }

describe('control decisions', () => {
  it('apply a legacy menu spelling as its canonical value', () => {
    const decision = decideControl('AOS_PIPELINE', 'TARTS', INITIAL_STATE)
    expect(decision.outcome).toEqual({ outcome: 'applied', value: 'AOS_TARTS_UNPAIRED' })
    expect(decision.state.controls.AOS_PIPELINE).toBe('AOS_TARTS_UNPAIRED')
    expect(decision.fields).toEqual({ AOS_PIPELINE: 'AOS_TARTS_UNPAIRED' })
  })

  it('answer a value already in effect as unchanged', () => {
    expect(decideControl('AOS_PIPELINE', 'danish', INITIAL_STATE).outcome).toEqual({
      outcome: 'unchanged',
      value: 'AOS_DANISH',
    })
  })

  it('reject an invalid value, keep the value in effect and report the issues', () => {
    const decision = decideControl('CHIP_SELECTION', 'checkers', INITIAL_STATE)
    expect(decision.outcome).toMatchObject({ outcome: 'rejected', code: 'INVALID_VALUE', value: 'ALL' })
    expect(readbackValue(decision.outcome)).toBe('REJECTED_INVALID_VALUE!')
    expect(decision.state).toBe(INITIAL_STATE)
    expect(decision.fields).toEqual({})
    expect(decision.invalid?.[0]?.message).toContain("'checkers' is not a valid Chip selection")
  })

  it('refuse a FAM pipeline switch between the two exposures of a pair', () => {
    const decision = decideControl('AOS_FAM_PIPELINE', 'TIE', midPair)
    expect(decision.outcome).toMatchObject({ outcome: 'rejected', code: 'BETWEEN_PAIR', value: 'AOS_FAM_DANISH' })
    expect(readbackValue(decision.outcome)).toBe('REJECTED_BETWEEN_PAIR!')
    expect(decision.state.controls.AOS_FAM_PIPELINE).toBe('AOS_FAM_DANISH')
    expect(decideControl('AOS_FAM_PIPELINE', 'FAM_DANISH', midPair).outcome.outcome).toBe('unchanged')
    expect(decideControl('AOS_FAM_PIPELINE', 'TIE', INITIAL_STATE).outcome).toEqual({
      outcome: 'applied',
      value: 'AOS_FAM_TIE',
    })
  })

  it('republish the ignored detectors with a chip selection', () => {
    const decision = decideControl('CHIP_SELECTION', '5-on-a-die', INITIAL_STATE)
    expect(decision.outcome).toEqual({ outcome: 'applied', value: '5_ON_A_DIE' })
    expect(decision.ignoredDetectors).toHaveLength(144)
    expect(decideControl('CHIP_SELECTION', 'all', INITIAL_STATE).ignoredDetectors).toEqual([])
  })

  it('restart the time-mode phase when the mode changes, not when it is re-sent', () => {
    const counted: HeadNodeState = { ...INITIAL_STATE, dispatch: { ...INITIAL_STATE.dispatch, dispatchCount: 7 } }
    const changed = decideControl('VISIT_PROCESSING_MODE', 'ALTERNATING_IN_TWOS', counted)
    expect(changed.outcome).toEqual({ outcome: 'applied', value: 'ALTERNATING_BY_TWOS' })
    expect(changed.state.dispatch.dispatchCount).toBe(0)
    expect(changed.fields).toEqual({ VISIT_PROCESSING_MODE: 'ALTERNATING_BY_TWOS', dispatchCount: '0' })
    const same = decideControl('VISIT_PROCESSING_MODE', 'constant', counted)
    expect(same.outcome.outcome).toBe('unchanged')
    expect(same.state.dispatch.dispatchCount).toBe(7)
  })

  it('add a guaranteed exposure once, keeping a bounded list', () => {
    const first = decideControl('GUARANTEED_EXPOSURE', '2025111500226', INITIAL_STATE)
    expect(first.outcome).toEqual({ outcome: 'applied', value: '2025111500226' })
    expect(first.fields).toEqual({ GUARANTEED_EXPOSURE: '2025111500226', guaranteedExposures: '2025111500226' })
    expect(decideControl('GUARANTEED_EXPOSURE', '2025111500226', first.state).outcome.outcome).toBe('unchanged')
    const full: HeadNodeState = {
      ...INITIAL_STATE,
      dispatch: {
        ...INITIAL_STATE.dispatch,
        guaranteedExposures: Array.from({ length: GUARANTEED_KEEP }, (_, i) => 2025111500000 + i),
      },
    }
    const next = decideControl('GUARANTEED_EXPOSURE', '2025111600001', full).state.dispatch.guaranteedExposures
    expect(next).toHaveLength(GUARANTEED_KEEP)
    expect(next.at(-1)).toBe(2025111600001)
    expect(next).not.toContain(2025111500000)
    expect(decideControl('GUARANTEED_EXPOSURE', 'MC_O_20251115_000226', INITIAL_STATE).outcome.outcome).toBe('rejected')
  })

  it('accept a reset as an action (not stored), and refuse an explicit no', () => {
    const reset = decideControl('RESET_HEAD_NODE', '1', INITIAL_STATE)
    expect(reset).toMatchObject({ reset: true, outcome: { outcome: 'applied', value: 'RESET' }, fields: {} })
    const no = decideControl('RESET_HEAD_NODE', 'false', INITIAL_STATE)
    expect(no.reset).toBe(false)
    expect(no.outcome.outcome).toBe('rejected')
  })
})
