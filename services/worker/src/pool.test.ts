import { describe, expect, it } from 'vitest'
import { parsePool } from './pool.ts'

describe('parsePool', () => {
  it('reads per-detector groups as detectors at a depth, and other flavours as depths', () => {
    const pool = parsePool('SFM_WORKER@1:0-2,94; AOS_WORKER:191 ;STEP1B_WORKER:0-1')
    expect(pool).toEqual({
      ok: true,
      value: [
        { flavour: 'SFM_WORKER', depth: 1, detector: 0 },
        { flavour: 'SFM_WORKER', depth: 1, detector: 1 },
        { flavour: 'SFM_WORKER', depth: 1, detector: 2 },
        { flavour: 'SFM_WORKER', depth: 1, detector: 94 },
        { flavour: 'AOS_WORKER', depth: 0, detector: 191 },
        { flavour: 'STEP1B_WORKER', depth: 0 },
        { flavour: 'STEP1B_WORKER', depth: 1 },
      ],
    })
  })

  it('refuses unknown flavours, bad ranges and depths on per-instrument flavours, saying what is expected', () => {
    const bad = (text: string) => {
      const r = parsePool(text)
      return r.ok ? '(accepted)' : r.issues.map((i) => `${i.message} | ${i.expected ?? ''}`).join('\n')
    }
    expect(bad('SFM_WORKERS:0')).toMatch(/unknown worker flavour 'SFM_WORKERS'.*SFM_WORKER/)
    expect(bad('SFM_WORKER:5-2')).toMatch(/cannot read pool group/)
    expect(bad('STEP1B_WORKER@1:0')).toMatch(/@DEPTH is only for per-detector flavours/)
    expect(bad('HEAD_NODE:0')).toMatch(/unknown worker flavour 'HEAD_NODE'/)
    expect(bad('')).toMatch(/empty/)
  })
})
