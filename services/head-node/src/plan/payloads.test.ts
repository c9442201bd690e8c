import { validate } from '@rubin/ra-contract/validate'
import { describe, expect, it } from 'vitest'
import { detectorPayload, oneOffPayload, step1bPayload } from './payloads.ts'

const context = {
  instrument: 'LSSTCam',
  run: 'LSSTCam/runs/quickLook/1',
  enqueuedAt: '2025-11-16T03:13:20.600Z',
} as const

describe('payloads', () => {
  it('name step1a, one-off and step1b payloads deterministically, within the contract’s PayloadId', () => {
    const ids = [
      detectorPayload(context, 2025111500226, 5, { who: 'ISR', pipeline: 'BIAS' }).payloadId,
      oneOffPayload(context, 2025111500226, 'EXPOSURE_RECORD').payloadId,
      step1bPayload(context, '2025111500227+2025111500228', [2025111500227, 2025111500228], {
        who: 'AOS',
        pipeline: 'AOS_FAM_DANISH',
      }).payloadId,
    ]
    expect(ids).toEqual([
      '2025111500226-ISR-005-1',
      '2025111500226-ONE-OFF-EXPOSURE-RECORD-1',
      '2025111500227+2025111500228-AOS-step1b-1',
    ])
  })

  it('give step1b one visit data id per visit of the processing id', () => {
    const payload = step1bPayload(context, '2025111500226', [2025111500226], { who: 'SFM', pipeline: 'SFM' })
    expect(payload).toMatchObject({
      step: 'step1b',
      who: 'SFM',
      pipeline: 'SFM',
      dataIds: [{ instrument: 'LSSTCam', visit: 2025111500226 }],
    })
    expect(validate('Payload', payload).ok).toBe(true)
  })

  it('leave the pipeline out of one-offs and carry the task', () => {
    const payload = oneOffPayload(context, 2025111500226, 'GUIDER')
    expect(payload).not.toHaveProperty('pipeline')
    expect(payload).toMatchObject({ step: 'oneOff', who: 'ONE_OFF', task: 'GUIDER' })
    expect(validate('Payload', payload).ok).toBe(true)
  })
})
