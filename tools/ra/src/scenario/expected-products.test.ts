import { describe, expect, it } from 'vitest'
import {
  DEFAULT_WITNESS_DETECTOR,
  type ExpectedRun,
  expectedForFault,
  simulatedDetectors,
} from './expected-products.ts'

const run = (detectors: readonly number[]): ExpectedRun => ({
  instrument: 'LSSTCam',
  detectors,
  witnessDetector: DEFAULT_WITNESS_DETECTOR,
  mosaicWorker: true,
  snowflakes: true,
  canSeeSky: true,
})
const names = (r: ExpectedRun, fault?: Parameters<typeof expectedForFault>[1]) =>
  expectedForFault(r, fault).map((t) => `${t.camera}/${t.channel}`)

describe('expectedForFault', () => {
  it('a truncated raw of the witness detector owes no witness_detector or imexam; other products stay', () => {
    const clean = names(run([94, 0, 191, 192]))
    const truncated = names(run([94, 0, 191, 192]), 'truncated')
    expect(clean).toContain('lsstcam/witness_detector')
    expect(truncated).not.toContain('lsstcam/witness_detector')
    expect(truncated).not.toContain('lsstcam/imexam')
    expect(clean.filter((n) => !truncated.includes(n))).toEqual(['lsstcam/witness_detector', 'lsstcam/imexam'])
  })

  it('a truncated raw of another detector, a missing FILTER or an unknown detector change nothing', () => {
    const r = run([0, 94, 188, 191, 192])
    for (const fault of ['truncated', 'missingKeyword', 'unknownDetector'] as const)
      expect(names(r, fault)).toEqual(names(r))
  })

  it('the only wavefront raw truncated: no AOS products', () => {
    expect(names(run([191, 0]), 'truncated').some((n) => n.startsWith('lsstcam_aos/'))).toBe(false)
  })

  it('all detectors when the run does not name them', () => {
    const all = simulatedDetectors('LSSTCam', undefined)
    expect(all).toHaveLength(205)
    expect(names(run(all))).toHaveLength(17) // with the guider trends: guider detectors are simulated
  })
})
