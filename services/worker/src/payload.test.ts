import { describe, expect, it } from 'vitest'
import { processPayload, restartPayload } from '../test/payloads.ts'
import { decodeClaim, PAYLOAD_INVALID, PAYLOAD_WRONG_INSTRUMENT } from './payload.ts'

describe('decodeClaim', () => {
  it('derives the processing id, detector and newest exposure of a process payload', () => {
    const raw = JSON.stringify(processPayload({ exposure: 2025111500226, detector: 94 }))
    const claim = decodeClaim(raw, 'LSSTCam')
    expect(claim).toMatchObject({
      kind: 'process',
      raw,
      processingId: '2025111500226',
      exposure: 2025111500226,
      detector: 94,
      step1a: true,
    })
  })

  it('joins pair exposure ids sorted with + and uses the newest for the mode checks', () => {
    const payload = processPayload({
      exposure: 0,
      dataIds: [
        { instrument: 'LSSTCam', exposure: 2025111500228, detector: 192 },
        { instrument: 'LSSTCam', exposure: 2025111500227, detector: 191 },
      ],
    })
    const claim = decodeClaim(JSON.stringify(payload), 'LSSTCam')
    expect(claim).toMatchObject({ processingId: '2025111500227+2025111500228', exposure: 2025111500228, detector: 192 })
  })

  it('accepts visit-level and one-off payloads without a detector', () => {
    const step1b = decodeClaim(JSON.stringify(processPayload({ exposure: 7, step: 'step1b' })), 'LSSTCam')
    expect(step1b).toMatchObject({ kind: 'process', step1a: false, detector: undefined, processingId: '7' })
    const oneOff = processPayload({ exposure: 8, step: 'oneOff', who: 'ONE_OFF', task: 'EXPOSURE_RECORD' })
    expect(decodeClaim(JSON.stringify(oneOff), 'LSSTCam')).toMatchObject({ kind: 'process', step1a: false })
  })

  it('recognises restart payloads', () => {
    const raw = JSON.stringify(restartPayload('SFM_WORKER-LSSTCam-000-094'))
    expect(decodeClaim(raw, 'LSSTCam')).toMatchObject({
      kind: 'restart',
      payload: { target: 'SFM_WORKER-LSSTCam-000-094' },
    })
  })

  it('refuses what it cannot bookkeep, with a reason', () => {
    expect(decodeClaim('{oops', 'LSSTCam')).toMatchObject({ kind: 'invalid', code: PAYLOAD_INVALID })
    const noKind = decodeClaim(
      JSON.stringify({ ...processPayload({ exposure: 1, detector: 1 }), kind: 'x' }),
      'LSSTCam',
    )
    expect(noKind).toMatchObject({ kind: 'invalid', code: PAYLOAD_INVALID })
    const noDetector = decodeClaim(JSON.stringify(processPayload({ exposure: 1 })), 'LSSTCam')
    expect(noDetector).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/must name its detector/) })
    const noExposure = processPayload({ exposure: 1, dataIds: [{ instrument: 'LSSTCam', detector: 3 }] })
    expect(decodeClaim(JSON.stringify(noExposure), 'LSSTCam')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/exposure or a visit/),
    })
    const latiss = JSON.stringify(processPayload({ exposure: 1, detector: 0, instrument: 'LATISS' }))
    expect(decodeClaim(latiss, 'LSSTCam')).toMatchObject({ kind: 'invalid', code: PAYLOAD_WRONG_INSTRUMENT })
  })
})
