import { validate } from '@rubin/ra-contract/validate'
import { describe, expect, it } from 'vitest'
import { statusReport } from './heartbeat.ts'
import { resolveIdentity, type WorkerIdentity } from './identity.ts'

const identity = (flavour: 'SFM_WORKER' | 'STEP1B_WORKER', name: string): WorkerIdentity => {
  const resolved = resolveIdentity({ instrument: 'LSSTCam', flavour, workerName: name })
  if (!resolved.ok) throw new Error('bad identity')
  return resolved.value
}

describe('statusReport', () => {
  it('is a valid WorkerStatusReport, busy with its payload', () => {
    const report = statusReport(
      identity('SFM_WORKER', 'sfm-94'),
      {
        state: 'busy',
        secondary: 'GUEST',
        mode: 'MURDEROUS',
        currentPayloadId: 'p-1',
        busySince: '2025-01-01T00:00:00Z',
      },
      'pod-94',
    )
    expect(validate('WorkerStatusReport', report).ok).toBe(true)
    expect(report).toMatchObject({ workerId: 'SFM_WORKER-LSSTCam-000-094', depth: 0, detector: 94, state: 'busy' })
    expect(report).toMatchObject({ secondary: 'GUEST', currentPayloadId: 'p-1', pid: process.pid })
  })

  it('omits detector for per-instrument workers and payload fields when free', () => {
    const report = statusReport(
      identity('STEP1B_WORKER', 'step1b-1'),
      { state: 'free', secondary: '', mode: 'CONSUMING' },
      'h',
    )
    expect(validate('WorkerStatusReport', report).ok).toBe(true)
    expect(report).not.toHaveProperty('detector')
    expect(report).not.toHaveProperty('currentPayloadId')
    expect(report.depth).toBe(1)
  })
})
