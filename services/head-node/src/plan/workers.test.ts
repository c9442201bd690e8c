import { describe, expect, it } from 'vitest'
import { WorkerDirectory, type WorkerInfo } from './workers.ts'

const sfm = (depth: number, detector: number, heartbeat: WorkerInfo['heartbeat']): WorkerInfo => ({
  id: `SFM_WORKER-LSSTCam-${String(depth).padStart(3, '0')}-${String(detector).padStart(3, '0')}`,
  flavour: 'SFM_WORKER',
  depth,
  detector,
  heartbeat,
})
const single = (flavour: WorkerInfo['flavour'], depth: number, heartbeat: WorkerInfo['heartbeat']): WorkerInfo => ({
  id: `${flavour}-LSSTCam-${String(depth).padStart(3, '0')}`,
  flavour,
  depth,
  detector: undefined,
  heartbeat,
})

describe('worker choice', () => {
  it('takes the lowest free depth for a detector', () => {
    const dir = new WorkerDirectory('LSSTCam', [sfm(2, 94, 'free'), sfm(0, 94, 'busy'), sfm(1, 94, 'free')])
    expect(dir.detectorTarget('SFM_WORKER', 94)).toBe('SFM_WORKER-LSSTCam-001-094')
  })

  it('falls back to depth 0 when no worker of the detector is free, or none is registered', () => {
    const dir = new WorkerDirectory('LSSTCam', [sfm(1, 94, 'busy'), sfm(0, 94, 'missing')])
    expect(dir.detectorTarget('SFM_WORKER', 94)).toBe('SFM_WORKER-LSSTCam-000-094')
    expect(dir.detectorTarget('AOS_WORKER', 191)).toBe('AOS_WORKER-LSSTCam-000-191')
  })

  it('ignores another detector’s free worker', () => {
    const dir = new WorkerDirectory('LSSTCam', [sfm(3, 95, 'free')])
    expect(dir.detectorTarget('SFM_WORKER', 94)).toBe('SFM_WORKER-LSSTCam-000-094')
  })

  it('prefers free, then live, then any registered single worker, lowest depth first', () => {
    const free = new WorkerDirectory('LSSTCam', [
      single('STEP1B_WORKER', 0, 'busy'),
      single('STEP1B_WORKER', 2, 'free'),
      single('STEP1B_WORKER', 1, 'free'),
    ])
    expect(free.singleTarget('STEP1B_WORKER')).toBe('STEP1B_WORKER-LSSTCam-001')
    const busy = new WorkerDirectory('LSSTCam', [
      single('STEP1B_WORKER', 0, 'missing'),
      single('STEP1B_WORKER', 3, 'busy'),
    ])
    expect(busy.singleTarget('STEP1B_WORKER')).toBe('STEP1B_WORKER-LSSTCam-003')
    expect(new WorkerDirectory('LSSTCam', [single('STEP1B_WORKER', 4, 'missing')]).singleTarget('STEP1B_WORKER')).toBe(
      'STEP1B_WORKER-LSSTCam-004',
    )
  })

  it('says when a flavour has no registered worker', () => {
    const dir = new WorkerDirectory('LSSTCam', [single('STEP1B_WORKER', 0, 'free')])
    expect(dir.singleTarget('GUIDER_WORKER')).toBeUndefined()
    expect(dir.singleTarget('STEP1B_AOS_WORKER')).toBeUndefined()
  })
})
