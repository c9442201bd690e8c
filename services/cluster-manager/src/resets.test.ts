// The reset controls this service consumes, and the restart payloads it writes.
import { validate } from '@rubin/ra-contract/validate'
import { describe, expect, it } from 'vitest'
import { resetControlsFor, restartPayload } from './resets.ts'

describe('resetControlsFor', () => {
  it('is every reset the contract gives the cluster manager, for the instruments it names', () => {
    expect(resetControlsFor('LSSTCam')).toEqual([
      'RESET_SFM_SET_0',
      'RESET_SFM_SET_1',
      'RESET_AOS_SET_0',
      'RESET_AOS_SET_1',
      'RESET_AOS_SET_2',
      'RESET_AOS_SET_3',
      'RESET_SFM_STEP1B_SET_0',
      'RESET_AOS_STEP1B_SET_0',
      'RESET_SPAREWORKERS_SET_0',
      'RESET_OTHER_QUEUES',
    ])
    // Two consumers GETDELing one key would race: only LSSTCam's cluster manager takes them.
    expect(resetControlsFor('LATISS')).toEqual([])
  })
})

describe('restartPayload', () => {
  it('is a valid RestartPayload naming its target and the control', () => {
    const payload = restartPayload('SFM_WORKER-LSSTCam-000-094', 'RESET_SFM_SET_0', new Date(0), 3)
    expect(validate('Payload', payload).ok).toBe(true)
    expect(payload).toMatchObject({ kind: 'restart', target: 'SFM_WORKER-LSSTCam-000-094' })
    expect(payload.reason).toContain('RUBINTV_CONTROL_RESET_SFM_SET_0')
  })
})
