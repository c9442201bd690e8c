import { describe, expect, it } from 'vitest'
import { expandPlan, parsePlan } from './plan.ts'

const plan = parsePlan(
  JSON.stringify({
    instrument: 'LATISS',
    dayObs: 20240624,
    start: '2024-06-25T00:00:00Z',
    cadenceSeconds: 10,
    exposures: [
      { imageType: 'flat', count: 2 },
      { imageType: 'cwfs', pair: true, focusZ: 0.8 },
    ],
  }),
)

describe('night plans', () => {
  it('expands counts and cwfs pairs into numbered exposures at the cadence', () => {
    const specs = expandPlan(plan)
    expect(specs.map((s) => [s.seqNum, s.imageType, s.focusZ])).toEqual([
      [1, 'flat', undefined],
      [2, 'flat', undefined],
      [3, 'cwfs', -0.8],
      [4, 'cwfs', 0.8],
    ])
    expect(specs[1]?.start.toISOString()).toBe('2024-06-25T00:00:10.000Z')
    expect(specs[2]?.groupId).toBe(specs[3]?.groupId)
  })

  it('refuses a plan that does not match the schema, naming the field', () => {
    expect(() =>
      parsePlan('instrument: LSSTCam\ndayObs: 20250101\nstart: x\nexposures: [{imageType: selfie}]'),
    ).toThrow(/SIM_BAD_SPEC.*exposures/)
  })
})
