import { describe, expect, it } from 'vitest'
import { processPayload } from '../test/payloads.ts'
import { resolveIdentity, type WorkerIdentity } from './identity.ts'
import { decodeClaim, type ProcessClaim } from './payload.ts'
import { secondaryFor } from './process.ts'

const worker = (flavour: 'SFM_WORKER' | 'BACKLOG_WORKER', name: string): WorkerIdentity => {
  const resolved = resolveIdentity({ instrument: 'LSSTCam', flavour, workerName: name })
  if (!resolved.ok) throw new Error('bad identity')
  return resolved.value
}
const claim = (detector: number, specialMessage: '' | 'GUEST' = '') =>
  decodeClaim(JSON.stringify(processPayload({ exposure: 5, detector, specialMessage })), 'LSSTCam') as ProcessClaim

describe('secondary status while running', () => {
  it('is empty for the worker’s own detector', () => {
    expect(secondaryFor(worker('SFM_WORKER', 'sfm-94'), claim(94))).toBe('')
  })

  it('is GUEST for another detector’s payload, any payload on a backlog worker, or when the payload says so', () => {
    expect(secondaryFor(worker('SFM_WORKER', 'sfm-94'), claim(95))).toBe('GUEST')
    expect(secondaryFor(worker('BACKLOG_WORKER', 'backlog-0'), claim(94))).toBe('GUEST')
    expect(secondaryFor(worker('SFM_WORKER', 'sfm-94'), claim(94, 'GUEST'))).toBe('GUEST')
  })
})
