import { describe, expect, it } from 'vitest'
import { processPayload } from '../test/payloads.ts'
import { decide, isNewerWork, modeFromControlState } from './modes.ts'
import { decodeClaim, type ProcessClaim } from './payload.ts'

const claim = (exposure: number, step: 'step1a' | 'step1b' = 'step1a') => {
  const payload = processPayload({ exposure, step, ...(step === 'step1a' ? { detector: 4 } : {}) })
  return decodeClaim(JSON.stringify(payload), 'LSSTCam') as ProcessClaim
}

describe('control state → mode', () => {
  it('defaults to CONSUMING with no latest exposure', () => {
    expect(modeFromControlState({})).toEqual({ state: { mode: 'CONSUMING', latestExposureId: undefined } })
  })

  it('reads WORKER_MODE and latestExposureId, ignoring fields it does not need', () => {
    const hash = { WORKER_MODE: 'MURDEROUS', latestExposureId: '2025111500230', someFutureField: 'x' }
    expect(modeFromControlState(hash)).toEqual({ state: { mode: 'MURDEROUS', latestExposureId: 2025111500230 } })
  })

  it('falls back to CONSUMING, saying why, when the mode is not valid', () => {
    const decoded = modeFromControlState({ WORKER_MODE: 'FURIOUS', latestExposureId: '5' })
    expect(decoded.state).toEqual({ mode: 'CONSUMING', latestExposureId: 5 })
    expect(decoded.problem).toMatch(/WORKER_MODE/)
  })
})

describe('mode decisions', () => {
  it('WAITING skips step1a backlog but runs the newest exposure', () => {
    const state = { mode: 'WAITING', latestExposureId: 10 } as const
    expect(decide(claim(9), state)).toMatchObject({ action: 'skip', reason: expect.stringMatching(/WAITING/) })
    expect(decide(claim(10), state)).toEqual({ action: 'run', abandonable: false })
  })

  it('never skips or abandons visit-level work for being old', () => {
    expect(decide(claim(1, 'step1b'), { mode: 'WAITING', latestExposureId: 10 })).toEqual({
      action: 'run',
      abandonable: false,
    })
    expect(decide(claim(1, 'step1b'), { mode: 'MURDEROUS', latestExposureId: 10 })).toEqual({
      action: 'run',
      abandonable: false,
    })
  })

  it('CONSUMING runs everything; MURDEROUS marks only backlog abandonable', () => {
    expect(decide(claim(9), { mode: 'CONSUMING', latestExposureId: 10 })).toEqual({ action: 'run', abandonable: false })
    expect(decide(claim(9), { mode: 'MURDEROUS', latestExposureId: 10 })).toEqual({ action: 'run', abandonable: true })
    expect(decide(claim(10), { mode: 'MURDEROUS', latestExposureId: 10 })).toEqual({
      action: 'run',
      abandonable: false,
    })
    expect(decide(claim(9), { mode: 'MURDEROUS', latestExposureId: undefined })).toEqual({
      action: 'run',
      abandonable: false,
    })
  })

  it('abandons only for a payload of a newer exposure', () => {
    expect(isNewerWork(claim(11), claim(9))).toBe(true)
    expect(isNewerWork(claim(8), claim(9))).toBe(false)
    expect(isNewerWork(claim(9), claim(9))).toBe(false)
    expect(isNewerWork(undefined, claim(9))).toBe(false)
  })
})
